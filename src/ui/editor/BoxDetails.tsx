import type { Annotation, Source } from '../../domain/annotation';
import type { BBox } from '../../domain/geometry';
import { useReview } from '../../state/review';

const fmt = (n: number) => String(Math.round(n * 100) / 100);
const boxText = (b: BBox) => `x ${fmt(b.x)} y ${fmt(b.y)} w ${fmt(b.w)} h ${fmt(b.h)}`;
const time = (iso: string) => new Date(iso).toLocaleString();

/** Who made the box: a model (with its version and score), a person (by the name they review under), or an import. */
export function sourceText(source: Source, score: number | undefined): string {
  if (source.startsWith('model:')) return `model ${source.slice('model:'.length)}${score === undefined ? '' : `, score ${score.toFixed(2)}`}`;
  if (source.startsWith('human:')) return `${source.slice('human:'.length)} (person)`;
  return `imported (${source.slice('import:'.length)})`;
}

/** Provenance of the selected box: who said it, its status, when, and what the model first said if a person changed it. */
export function BoxDetails() {
  const selected: Annotation | undefined = useReview((s) => s.annotations.find((a) => a.id === s.selectedId));
  if (!selected) return <p className="box-details hint">Click a box (or Tab on the canvas) to see where it came from.</p>;
  const original = selected.original;
  return (
    <section className="box-details" aria-label="Selected box" data-testid="box-details">
      <dl>
        <dt>Label</dt>
        <dd data-testid="box-label">{selected.label}</dd>
        <dt>Source</dt>
        <dd data-testid="box-source">{sourceText(selected.source, selected.score)}</dd>
        {selected.relabel && (
          <>
            <dt>Relabelled</dt>
            <dd data-testid="box-relabel">
              the detector said {selected.relabel.detectorLabel}; the box labeller {selected.label} {selected.relabel.labellerScore.toFixed(2)}
            </dd>
          </>
        )}
        <dt>Status</dt>
        <dd data-testid="box-status">{selected.status}</dd>
        <dt>Box</dt>
        <dd data-testid="box-geometry">{boxText(selected.shape.box)}</dd>
        {original && (
          <>
            <dt>Model said</dt>
            <dd data-testid="box-original">
              {original.label}
              {original.score !== undefined && ` ${original.score.toFixed(2)}`} at {boxText(original.box)}
            </dd>
          </>
        )}
        <dt>Changed</dt>
        <dd title={`Created ${time(selected.createdAt)}`}>{time(selected.updatedAt)}</dd>
      </dl>
    </section>
  );
}
