import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { inferenceEngine } from './state/project-context';
import { startTabSync } from './state/tab-sync';
import { App } from './ui/App';
import './ui/styles.css';

// The inference worker's script (TF.js) loads and compiles while the page renders its first screen.
inferenceEngine();
// Other tabs on the same project show this tab's changes, and this tab theirs.
startTabSync();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
