/** A project: its own images, annotations, predictions, label set and audit log, kept in its own database. */
export interface Project {
  id: string;
  name: string;
  /** The IndexedDB database that holds everything of this project. */
  dbName: string;
  createdAt: string;
}

/** The database the app used before projects existed: its data is the default project, unmoved. */
export const DEFAULT_DB_NAME = 'recognition-workbench';
export const DEFAULT_PROJECT_ID = 'default';
export const DEFAULT_PROJECT_NAME = 'Default project';

export const MAX_PROJECT_NAME = 80;

export function projectDbName(id: string): string {
  return id === DEFAULT_PROJECT_ID ? DEFAULT_DB_NAME : `${DEFAULT_DB_NAME}:${id}`;
}

export function defaultProject(createdAt: string): Project {
  return { id: DEFAULT_PROJECT_ID, name: DEFAULT_PROJECT_NAME, dbName: DEFAULT_DB_NAME, createdAt };
}

/** Why a name cannot be used (empty, too long, taken by another project), or null when it can. */
export function projectNameProblem(name: string, projects: readonly Project[], except?: string): string | null {
  const clean = name.trim();
  if (!clean) return 'a project needs a name';
  if (clean.length > MAX_PROJECT_NAME) return `a project name has at most ${MAX_PROJECT_NAME} characters`;
  const taken = projects.find((p) => p.id !== except && p.name.toLocaleLowerCase() === clean.toLocaleLowerCase());
  return taken ? `a project named “${taken.name}” already exists` : null;
}

export function newProject(name: string, id: string, createdAt: string): Project {
  return { id, name: name.trim(), dbName: projectDbName(id), createdAt };
}

/** A free name for a copy: "Name (restored)", then "Name (restored 2)", … */
export function freeName(wanted: string, projects: readonly Project[], suffix = 'restored'): string {
  if (!projectNameProblem(wanted, projects)) return wanted.trim();
  for (let n = 1; ; n++) {
    const candidate = `${wanted.trim()} (${suffix}${n > 1 ? ` ${n}` : ''})`;
    if (!projectNameProblem(candidate, projects)) return candidate;
  }
}

/** Projects by name, the default first. */
export function sortProjects(projects: readonly Project[]): Project[] {
  return [...projects].sort((a, b) => (a.id === DEFAULT_PROJECT_ID ? -1 : b.id === DEFAULT_PROJECT_ID ? 1 : a.name.localeCompare(b.name)));
}
