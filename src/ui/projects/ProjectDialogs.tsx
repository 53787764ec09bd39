import { projectNameProblem } from '../../domain/project';
import { useProjects } from '../../state/projects';
import { ConfirmDialog } from './ConfirmDialog';
import { NameDialog } from './NameDialog';

type Close = { onClose(): void };

export function NewProjectDialog({ onClose }: Close) {
  const projects = useProjects((s) => s.projects);
  return (
    <NameDialog
      title="New project"
      initial=""
      submit="Create"
      problem={(name) => projectNameProblem(name, projects)}
      onCancel={onClose}
      onSubmit={(name) => {
        onClose();
        void useProjects.getState().create(name);
      }}
    />
  );
}

export function RenameProjectDialog({ onClose }: Close) {
  const { projects, current } = useProjects();
  if (!current) return null;
  return (
    <NameDialog
      title="Rename project"
      initial={current.name}
      submit="Rename"
      problem={(name) => projectNameProblem(name, projects, current.id)}
      onCancel={onClose}
      onSubmit={(name) => {
        onClose();
        void useProjects.getState().rename(current.id, name);
      }}
    />
  );
}

export function DeleteProjectDialog({ onClose }: Close) {
  const current = useProjects((s) => s.current);
  if (!current) return null;
  return (
    <ConfirmDialog
      title={`Delete project “${current.name}”?`}
      confirm="Delete project"
      onCancel={onClose}
      onConfirm={() => {
        onClose();
        void useProjects.getState().remove(current.id);
      }}
    >
      All its images, annotations, results and its audit log are deleted from this browser. Make a backup first if you may need them again.
    </ConfirmDialog>
  );
}
