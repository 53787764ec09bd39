import { useEffect, useState } from 'react';
import { DEFAULT_PROJECT_ID, projectNameProblem } from '../../domain/project';
import { useProjects } from '../../state/projects';
import { BackupButtons } from './BackupButtons';
import { ConfirmDialog } from './ConfirmDialog';
import { NameDialog } from './NameDialog';
import './projects.css';

type Open = 'create' | 'rename' | 'delete' | null;

/** The open project, and creating, renaming, deleting and switching projects. */
export function ProjectBar() {
  const { projects, current, error, create, rename, remove, switchTo, dismissError } = useProjects();
  const [open, setOpen] = useState<Open>(null);
  const [switching, setSwitching] = useState(false);
  useEffect(() => {
    void useProjects.getState().load();
  }, []);
  if (!current) return null;

  const go = async (id: string) => {
    setSwitching(true);
    await switchTo(id).finally(() => setSwitching(false));
  };

  return (
    <div className="project-bar" role="group" aria-label="Project">
      <label>
        Project{' '}
        <select value={current.id} disabled={switching} onChange={(e) => void go(e.target.value)}>
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => setOpen('create')}>
        New project…
      </button>
      <button type="button" onClick={() => setOpen('rename')}>
        Rename…
      </button>
      <button type="button" disabled={current.id === DEFAULT_PROJECT_ID} onClick={() => setOpen('delete')}>
        Delete project…
      </button>
      <BackupButtons />
      {error && (
        <span className="error" role="alert">
          {error}{' '}
          <button type="button" className="link" onClick={dismissError}>
            OK
          </button>
        </span>
      )}
      {open === 'create' && (
        <NameDialog
          title="New project"
          initial=""
          submit="Create"
          problem={(name) => projectNameProblem(name, projects)}
          onCancel={() => setOpen(null)}
          onSubmit={(name) => {
            setOpen(null);
            void create(name);
          }}
        />
      )}
      {open === 'rename' && (
        <NameDialog
          title="Rename project"
          initial={current.name}
          submit="Rename"
          problem={(name) => projectNameProblem(name, projects, current.id)}
          onCancel={() => setOpen(null)}
          onSubmit={(name) => {
            setOpen(null);
            void rename(current.id, name);
          }}
        />
      )}
      {open === 'delete' && (
        <ConfirmDialog
          title={`Delete project “${current.name}”?`}
          confirm="Delete project"
          onCancel={() => setOpen(null)}
          onConfirm={() => {
            setOpen(null);
            void remove(current.id);
          }}
        >
          All its images, annotations, results and its audit log are deleted from this browser. Make a backup first if
          you may need them again.
        </ConfirmDialog>
      )}
    </div>
  );
}
