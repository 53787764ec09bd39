import { describe, expect, it } from 'vitest';
import { DEFAULT_DB_NAME, defaultProject, freeName, newProject, projectDbName, projectNameProblem, sortProjects } from '../../src/domain/project';

const T = '2026-01-01T00:00:00.000Z';
const projects = [defaultProject(T), newProject('Flight 12', 'p1', T), newProject('Case 2026/114', 'p2', T)];

describe('projects', () => {
  it('keeps the pre-projects database as the default project and gives others their own', () => {
    expect(projectDbName('default')).toBe(DEFAULT_DB_NAME);
    expect(newProject('  Survey ', 'abc', T)).toEqual({ id: 'abc', name: 'Survey', dbName: `${DEFAULT_DB_NAME}:abc`, createdAt: T });
  });

  it('refuses empty, too long and taken names (case-insensitively), but a project keeps its own', () => {
    expect(projectNameProblem('  ', projects)).toBe('a project needs a name');
    expect(projectNameProblem('x'.repeat(81), projects)).toMatch(/at most 80/);
    expect(projectNameProblem('flight 12', projects)).toBe('a project named “Flight 12” already exists');
    expect(projectNameProblem('Flight 12', projects, 'p1')).toBeNull();
    expect(projectNameProblem('Flight 13', projects)).toBeNull();
  });

  it('finds a free name for a restored copy', () => {
    expect(freeName('Survey', projects)).toBe('Survey');
    expect(freeName('Flight 12', projects)).toBe('Flight 12 (restored)');
    expect(freeName('Flight 12', [...projects, newProject('Flight 12 (restored)', 'p3', T)])).toBe('Flight 12 (restored 2)');
  });

  it('lists the default project first, then by name', () => {
    expect(sortProjects([projects[1]!, projects[2]!, projects[0]!]).map((p) => p.id)).toEqual(['default', 'p2', 'p1']);
  });
});
