import type { LibraryInfo, ModelManifest } from '../model-manifest';
import { slugify } from './identity';

export interface VersionSlot {
  family: string;
  versionNumber: number;
}

/**
 * Where a model goes in the library: the next version of the family it names (or of the family whose models carry
 * its name, or whose id it would get), else a new family named after it. Ids must not clash with the bundled models' (reserved) or another
 * family's. A pinned manifest (a model exported from a library) keeps its family and number where they are free.
 */
export function versionSlot(
  existing: readonly Pick<ModelManifest, 'id' | 'name' | 'library'>[],
  name: string,
  { family, pinned, reserved = [] }: { family?: string; pinned?: LibraryInfo; reserved?: readonly string[] },
): VersionSlot {
  const versionsOf = (f: string) => existing.filter((m) => m.library?.family === f).map((m) => m.library!.versionNumber);
  const idTaken = (id: string) => reserved.includes(id) || existing.some((m) => m.id === id);
  if (pinned && !idTaken(libraryId(pinned.family, pinned.versionNumber))) return { family: pinned.family, versionNumber: pinned.versionNumber };
  const slug = slugify(name);
  const chosen =
    family ??
    existing.find((m) => m.library && m.name.trim().toLowerCase() === name.trim().toLowerCase())?.library?.family ??
    (versionsOf(slug).length > 0 ? slug : freeFamily(slug, existing, reserved));
  return { family: chosen, versionNumber: Math.max(0, ...versionsOf(chosen)) + 1 };
}

/** A family slug nobody uses yet: the name's slug, or with -2, -3 … after it. */
function freeFamily(slug: string, existing: readonly Pick<ModelManifest, 'id' | 'library'>[], reserved: readonly string[]): string {
  const used = (f: string) => existing.some((m) => m.library?.family === f) || reserved.some((id) => id === f || id.startsWith(`${f}-v`));
  if (!used(slug)) return slug;
  for (let n = 2; ; n++) if (!used(`${slug}-${n}`)) return `${slug}-${n}`;
}

export const libraryId = (family: string, versionNumber: number) => `${family}-v${versionNumber}`;

/** The version string results and annotations carry: the number, and the first 12 hex digits of the identity. */
export const libraryVersion = (versionNumber: number, sha256: string) => `${versionNumber}+${sha256.slice(0, 12)}`;

/** The manifest as the library stores it: its identity, id, version and provenance filled in. */
export function libraryManifest(manifest: ModelManifest, sha256: string, slot: VersionSlot, name: string, addedAt: string, origin: string): ModelManifest {
  return {
    ...manifest,
    id: libraryId(slot.family, slot.versionNumber),
    name,
    version: libraryVersion(slot.versionNumber, sha256),
    weightsSha256: sha256,
    library: { sha256, family: slot.family, versionNumber: slot.versionNumber, addedAt, origin },
  };
}

/** The newest version's name of each family, to say "version 3 of Vehicles" before adding. */
export function familyName(existing: readonly Pick<ModelManifest, 'name' | 'library'>[], family: string): string | undefined {
  const versions = existing.filter((m) => m.library?.family === family);
  return versions.sort((a, b) => b.library!.versionNumber - a.library!.versionNumber)[0]?.name;
}
