import { useState } from 'react';
import { DECODER_NAMES, type DecoderChoice, fitDecoder, type ProbedOutput } from '../../domain/model-import/decoder-fit';
import { detectorDecoder } from '../../domain/model-import/propose';
import type { ClassifierDecoderConfig, DetectorDecoderConfig, ModelManifest, Preprocessing } from '../../domain/model-manifest';
import { useModelLibrary } from '../../state/model-library';
import { NORMALISATIONS, normalisationOf, parseTriple, withNormalisation } from './normalisation';

const CHOICES: DecoderChoice[] = ['yolov8', 'yolov5', 'end-to-end', 'tf-od-ssd', 'classifier'];

/** The manifest with another decoder: its task, the outputs it reads, its tool's default thresholds. */
function withDecoder(manifest: ModelManifest, decoder: DecoderChoice, outputs: readonly ProbedOutput[]): ModelManifest {
  const fit = fitDecoder(decoder, outputs, manifest.labels.length);
  const reads = typeof fit === 'string' ? outputs.slice(0, 1).map((o) => o.name) : fit.outputs;
  if (decoder === 'classifier') {
    const config: ClassifierDecoderConfig = { name: 'classifier', outputs: reads, activation: 'softmax', topK: Math.min(5, manifest.labels.length || 5) };
    return { ...manifest, task: 'classify', decoder: config };
  }
  return { ...manifest, task: 'detect', decoder: detectorDecoder(decoder, { outputs: reads }) };
}

const num = (text: string, fallback: number) => (text.trim() === '' || !Number.isFinite(Number(text)) ? fallback : Number(text));

/** Every choice of the proposed manifest, each one correctable; problems are recomputed as the person types. */
export function ManifestForm({ outputs }: { outputs: readonly ProbedOutput[] }) {
  const { manifest, name, edit, setName } = useModelLibrary();
  if (!manifest) return null;
  const pre = manifest.preprocessing;
  const setPre = (change: Partial<Preprocessing>) => edit((m) => ({ ...m, preprocessing: { ...m.preprocessing, ...change } }));
  const detector = manifest.task === 'detect' ? (manifest.decoder as DetectorDecoderConfig) : null;
  const classifier = manifest.task === 'classify' ? (manifest.decoder as ClassifierDecoderConfig) : null;
  const setDecoder = (change: Partial<DetectorDecoderConfig> | Partial<ClassifierDecoderConfig>) => edit((m) => ({ ...m, decoder: { ...m.decoder, ...change } }) as ModelManifest);
  const normalisation = normalisationOf(pre);

  return (
    <form className="manifest-form" aria-label="Model settings" onSubmit={(e) => e.preventDefault()}>
      <label>
        Name <input value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <fieldset>
        <legend>Outputs</legend>
        <label>
          Decoder{' '}
          <select value={manifest.decoder.name} onChange={(e) => edit((m) => withDecoder(m, e.target.value as DecoderChoice, outputs))}>
            {CHOICES.map((c) => (
              <option key={c} value={c}>
                {DECODER_NAMES[c]}
              </option>
            ))}
          </select>
        </label>
        <span className="hint">reads {manifest.decoder.outputs.join(', ') || 'nothing'}</span>
        {detector && (
          <>
            <label>
              Score threshold <input type="number" step="0.05" min="0" max="1" value={detector.scoreThreshold} onChange={(e) => setDecoder({ scoreThreshold: num(e.target.value, detector.scoreThreshold) })} />
            </label>
            <label>
              IoU threshold <input type="number" step="0.05" min="0" max="1" value={detector.iouThreshold} onChange={(e) => setDecoder({ iouThreshold: num(e.target.value, detector.iouThreshold) })} />
            </label>
            <label>
              Maximum boxes <input type="number" min="1" value={detector.maxDetections} onChange={(e) => setDecoder({ maxDetections: Math.max(1, Math.round(num(e.target.value, detector.maxDetections))) })} />
            </label>
            <label>
              <input type="checkbox" checked={Boolean(detector.normalizedBoxes)} onChange={(e) => setDecoder({ normalizedBoxes: e.target.checked })} /> Boxes as fractions of the input
            </label>
            {(detector.name === 'end-to-end' || detector.name === 'tf-od-ssd') && (
              <label>
                First class id <input type="number" min="0" value={detector.classIdOffset ?? (detector.name === 'tf-od-ssd' ? 1 : 0)} onChange={(e) => setDecoder({ classIdOffset: Math.round(num(e.target.value, 0)) })} />
              </label>
            )}
          </>
        )}
        {classifier && (
          <>
            <label>
              Scores are{' '}
              <select value={classifier.activation} onChange={(e) => setDecoder({ activation: e.target.value as ClassifierDecoderConfig['activation'] })}>
                <option value="none">probabilities (used as they are)</option>
                <option value="softmax">logits, one label per image (softmax)</option>
                <option value="sigmoid">logits, several labels per image (sigmoid)</option>
              </select>
            </label>
            <label>
              Labels shown <input type="number" min="1" value={classifier.topK} onChange={(e) => setDecoder({ topK: Math.max(1, Math.round(num(e.target.value, classifier.topK))) })} />
            </label>
          </>
        )}
      </fieldset>
      <fieldset>
        <legend>Input</legend>
        <label>
          Input width <input type="number" min="1" value={manifest.input.width} onChange={(e) => edit((m) => ({ ...m, input: { ...m.input, width: Math.round(num(e.target.value, m.input.width)) } }))} />
        </label>
        <label>
          Input height <input type="number" min="1" value={manifest.input.height} onChange={(e) => edit((m) => ({ ...m, input: { ...m.input, height: Math.round(num(e.target.value, m.input.height)) } }))} />
        </label>
        <label>
          Layout{' '}
          <select value={manifest.input.layout} onChange={(e) => edit((m) => ({ ...m, input: { ...m.input, layout: e.target.value as 'NHWC' | 'NCHW' } }))}>
            <option value="NHWC">NHWC (channels last)</option>
            <option value="NCHW">NCHW (channels first)</option>
          </select>
        </label>
        <label>
          Resize{' '}
          <select value={pre.resize} onChange={(e) => setPre({ resize: e.target.value as Preprocessing['resize'] })}>
            <option value="stretch">stretch to the input</option>
            <option value="letterbox">letterbox (keep the aspect, pad)</option>
            <option value="crop">centre crop</option>
          </select>
        </label>
        {pre.resize === 'letterbox' && (
          <label>
            Padding value <input type="number" min="0" max="255" value={pre.padValue ?? 0} onChange={(e) => setPre({ padValue: Math.min(255, Math.max(0, num(e.target.value, 0))) })} />
          </label>
        )}
        <label>
          Normalisation{' '}
          <select value={normalisation} onChange={(e) => edit((m) => ({ ...m, preprocessing: withNormalisation(m.preprocessing, e.target.value) }))}>
            {NORMALISATIONS.map((n) => (
              <option key={n.id} value={n.id}>
                {n.label}
              </option>
            ))}
            <option value="custom">custom</option>
          </select>
        </label>
        {normalisation === 'custom' && (
          <>
            <label>
              Scale <input type="number" step="any" value={pre.scale} onChange={(e) => setPre({ scale: num(e.target.value, pre.scale) })} />
            </label>
            <label>
              Offset <input type="number" step="any" value={pre.offset} onChange={(e) => setPre({ offset: num(e.target.value, pre.offset) })} />
            </label>
            <label>
              Mean (R, G, B) <input defaultValue={pre.mean?.join(', ') ?? ''} onChange={(e) => setPre({ mean: parseTriple(e.target.value) })} />
            </label>
            <label>
              Std (R, G, B) <input defaultValue={pre.std?.join(', ') ?? ''} onChange={(e) => setPre({ std: parseTriple(e.target.value) })} />
            </label>
          </>
        )}
        <label>
          Colour order{' '}
          <select value={pre.colorOrder} onChange={(e) => setPre({ colorOrder: e.target.value as 'RGB' | 'BGR' })}>
            <option value="RGB">RGB</option>
            <option value="BGR">BGR</option>
          </select>
        </label>
      </fieldset>
      <LabelsField labels={manifest.labels} onChange={(labels) => edit((m) => ({ ...m, labels }))} />
    </form>
  );
}

/** One label per line; the text is kept as typed (a new empty line stays) while the labels are the non-empty lines. */
function LabelsField({ labels, onChange }: { labels: string[]; onChange(labels: string[]): void }) {
  const [text, setText] = useState(labels.join('\n'));
  return (
    <label className="labels-field">
      Labels, one per line ({labels.length})
      <textarea
        rows={Math.min(8, Math.max(3, labels.length))}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value.split('\n').map((l) => l.trim()).filter(Boolean));
        }}
      />
    </label>
  );
}
