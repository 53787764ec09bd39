// The list of projects lives in its own small database; each project's data lives in the database it names.
import { type DBSchema, deleteDB, type IDBPDatabase, openDB } from 'idb';
import { defaultProject, DEFAULT_PROJECT_ID, type Project } from '../domain/project';
import { explainStorageError } from './errors';

export const PROJECTS_DB_NAME = 'recognition-workbench-projects';

interface ProjectsSchema extends DBSchema {
  projects: { key: string; value: Project };
  /** `lastOpen`: the id of the project to open on the next start. */
  meta: { key: string; value: string };
}

type ProjectsDb = IDBPDatabase<ProjectsSchema>;

let opened: Promise<ProjectsDb> | undefined;

function projectsDb(): Promise<ProjectsDb> {
  opened ??= openDB<ProjectsSchema>(PROJECTS_DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('projects', { keyPath: 'id' });
      db.createObjectStore('meta');
    },
  });
  return opened;
}

/** Every project; the default one (the pre-projects database) is always there. */
export async function listProjects(): Promise<Project[]> {
  const db = await projectsDb();
  const all = await db.getAll('projects');
  if (all.some((p) => p.id === DEFAULT_PROJECT_ID)) return all;
  const created = defaultProject(new Date().toISOString());
  await db.put('projects', created);
  return [created, ...all];
}

export async function saveProject(project: Project): Promise<void> {
  try {
    await (await projectsDb()).put('projects', project);
  } catch (error) {
    throw explainStorageError(error, `the project “${project.name}”`);
  }
}

/** Deletes the project's whole database, then its entry. Its connections must be closed first. */
export async function deleteProject(project: Project): Promise<void> {
  await deleteDB(project.dbName, {
    blocked() {
      console.warn(`deleting ${project.dbName} waits for another tab to close it`);
    },
  });
  await (await projectsDb()).delete('projects', project.id);
}

export async function lastOpenProject(): Promise<string> {
  return (await (await projectsDb()).get('meta', 'lastOpen')) ?? DEFAULT_PROJECT_ID;
}

export async function rememberOpenProject(id: string): Promise<void> {
  await (await projectsDb()).put('meta', id, 'lastOpen');
}
