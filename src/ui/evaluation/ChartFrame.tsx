import { type ReactNode, useRef, useState } from 'react';
import { download } from '../../platform/download';
import { svgMarkup, svgToPng } from './chart-export';

/** A chart with its caption and the ways to save it (SVG as drawn, PNG at twice the size). */
export function ChartFrame({ title, fileName, children }: { title: string; fileName: string; children: ReactNode }) {
  const frame = useRef<HTMLElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const svg = () => frame.current?.querySelector('svg') ?? null;
  const saveSvg = () => {
    const chart = svg();
    if (chart) download(new Blob([svgMarkup(chart)], { type: 'image/svg+xml' }), `${fileName}.svg`);
  };
  const savePng = async () => {
    const chart = svg();
    if (!chart) return;
    try {
      download(await svgToPng(chart), `${fileName}.png`);
      setProblem(null);
    } catch (error) {
      setProblem(`PNG not saved: ${(error as Error).message}`);
    }
  };
  return (
    <figure className="chart" ref={frame}>
      <figcaption>
        <span>{title}</span>
        <span className="chart-save">
          <button type="button" onClick={saveSvg} aria-label={`Save ${title} as SVG`}>
            SVG
          </button>
          <button type="button" onClick={() => void savePng()} aria-label={`Save ${title} as PNG`}>
            PNG
          </button>
        </span>
      </figcaption>
      {children}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </figure>
  );
}
