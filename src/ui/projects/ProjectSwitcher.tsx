import { useEffect, useState } from 'react';
import { useProjects } from '../../state/projects';

/** The open project, and switching to another: the header's first control. */
export function ProjectSwitcher() {
  const projects = useProjects((s) => s.projects);
  const current = useProjects((s) => s.current);
  const [switching, setSwitching] = useState(false);
  useEffect(() => {
    void useProjects.getState().load();
  }, []);
  if (!current) return null;
  const go = async (id: string) => {
    setSwitching(true);
    await useProjects
      .getState()
      .switchTo(id)
      .finally(() => setSwitching(false));
  };
  return (
    <div className="project-switcher" role="group" aria-label="Project">
      <label className="sr-only" htmlFor="project-select">
        Project
      </label>
      <select id="project-select" value={current.id} disabled={switching} title="The open project" onChange={(e) => void go(e.target.value)}>
        {projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}
