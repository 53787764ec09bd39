import { create } from 'zustand';
import { DEFAULT_PROJECT_ID, newProject, type Project, projectNameProblem, sortProjects } from '../domain/project';
import { deleteProject, lastOpenProject, listProjects, rememberOpenProject, saveProject } from '../storage';
import { errorMessage, publish, switchDatabase } from './project-context';

interface ProjectsState {
  projects: Project[];
  current: Project | null;
  /** What went wrong with the last project action, in words. */
  error: string | null;
  load(): Promise<void>;
  create(name: string): Promise<Project | null>;
  rename(id: string, name: string): Promise<boolean>;
  remove(id: string): Promise<void>;
  switchTo(id: string): Promise<void>;
  /** A project whose database was just filled elsewhere (a restored backup): list it and open it. */
  adopt(project: Project): Promise<void>;
  dismissError(): void;
}

export const useProjects = create<ProjectsState>((set, get) => ({
  projects: [],
  current: null,
  error: null,

  async load() {
    const projects = sortProjects(await listProjects());
    const lastId = await lastOpenProject();
    const current = projects.find((p) => p.id === lastId) ?? projects.find((p) => p.id === DEFAULT_PROJECT_ID)!;
    set({ projects, current });
    if (current.id !== lastId) await get().switchTo(current.id); // the last one was deleted in another tab
  },

  async create(name) {
    const problem = projectNameProblem(name, get().projects);
    if (problem) {
      set({ error: problem });
      return null;
    }
    const project = newProject(name, crypto.randomUUID(), new Date().toISOString());
    try {
      await saveProject(project);
    } catch (error) {
      set({ error: errorMessage(error) });
      return null;
    }
    set((s) => ({ projects: sortProjects([...s.projects, project]), error: null }));
    await get().switchTo(project.id);
    return project;
  },

  async rename(id, name) {
    const project = get().projects.find((p) => p.id === id);
    const problem = project ? projectNameProblem(name, get().projects, id) : 'no such project';
    if (problem || !project) {
      set({ error: problem });
      return false;
    }
    const renamed = { ...project, name: name.trim() };
    await saveProject(renamed);
    set((s) => ({
      projects: sortProjects(s.projects.map((p) => (p.id === id ? renamed : p))),
      current: s.current?.id === id ? renamed : s.current,
      error: null,
    }));
    return true;
  },

  async remove(id) {
    const project = get().projects.find((p) => p.id === id);
    if (!project) return;
    if (id === DEFAULT_PROJECT_ID) {
      set({ error: 'The default project cannot be deleted; delete its images instead.' });
      return;
    }
    if (get().current?.id === id) await get().switchTo(DEFAULT_PROJECT_ID);
    try {
      await deleteProject(project);
      set((s) => ({ projects: s.projects.filter((p) => p.id !== id), error: null }));
    } catch (error) {
      set({ error: `Could not delete “${project.name}”: ${errorMessage(error)}` });
    }
  },

  async switchTo(id) {
    const project = get().projects.find((p) => p.id === id);
    if (!project) return;
    // What works on the project being left stops; then every store reads what it shows from the new one.
    await publish({ type: 'project-closing' });
    await switchDatabase(project.dbName);
    await rememberOpenProject(id);
    set({ current: project, error: null });
    await publish({ type: 'project-opened', database: project.dbName });
  },

  async adopt(project) {
    set((s) => ({ projects: sortProjects([...s.projects.filter((p) => p.id !== project.id), project]) }));
    await get().switchTo(project.id);
  },

  dismissError: () => set({ error: null }),
}));
