import type { Exposure, FactorCode, GraphNode } from '../../core/index.ts';
import { formatNumber } from '../format.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import { factorLabel } from '../labels.ts';
import { NumberField, SelectField, TextField } from './fields.tsx';
import { useConsistency, useController, useGraphSelector } from './hooks.ts';
import { criteriaOf, criterionInfo, defaultExposure, FACTOR_CODES, retarget, versionOf } from './regulationInfo.ts';

type Situation = Extract<GraphNode, { kind: 'situation' }>;

/**
 * A situation's exposures, one per factor criterion: intensities and durations with the units the
 * regulation accepts for that criterion, the referential's stated conclusion, a free comment — and the
 * computed verdict at 100 % time beside it.
 */
export function ExposureEditor({ node }: { node: Situation }) {
  const controller = useController();
  const regulation = useGraphSelector((g) => g.referential.regulation);
  const retained = useGraphSelector((g) => g.referential.factors.retained);
  const consistency = useConsistency();
  const version = versionOf(regulation);
  const verdicts = consistency?.verdicts.get(node.id);
  const save = (exposures: Exposure[], what = frEditor.exposure.heading.toLowerCase()) => controller.run({ type: 'node/update', id: node.id, changes: { exposures } }, frEditor.history.edit(what, node.label)).ok;
  const replace = (k: number, exposure: Exposure) => save(node.exposures.map((e, i) => (i === k ? exposure : e)));

  return (
    <section className="exposures" aria-label={frEditor.exposure.heading}>
      <h3>{frEditor.exposure.heading}</h3>
      {node.exposures.length === 0 && <p className="help">{frEditor.exposure.none}</p>}
      {node.exposures.map((exposure, k) => {
        const info = criterionInfo(version, exposure.factor, exposure.criterion);
        const verdict = verdicts?.get(exposure.factor);
        const factorName = factorLabel(regulation, exposure.factor);
        return (
          <fieldset key={k} className="exposure">
            <legend>{frEditor.exposure.legend(k + 1, factorName)}</legend>
            <SelectField<FactorCode>
              label={frEditor.exposure.factor}
              value={exposure.factor}
              options={FACTOR_CODES.map((f) => ({ value: f, label: factorLabel(regulation, f) }))}
              onChange={(factor) => replace(k, retarget(version, exposure, factor))}
            />
            <SelectField
              label={frEditor.exposure.criterion}
              value={exposure.criterion}
              options={[
                ...criteriaOf(version, exposure.factor).map((c) => ({ value: c.criterion.code, label: `${c.criterion.label} (${c.criterion.intensityLabel})` })),
                ...(info ? [] : [{ value: exposure.criterion, label: exposure.criterion }]),
              ]}
              onChange={(criterion) => replace(k, retarget(version, exposure, exposure.factor, criterion))}
            />
            {info && info.quantities.length === 0 && <p className="help">{frEditor.exposure.noIntensity}</p>}
            {info?.quantities.map(({ quantity, unit }) => (
              <NumberField
                key={quantity}
                label={`${frEditor.quantities[quantity]} (${unit})`}
                unit={unit}
                optional
                value={exposure.intensity.find((i) => i.quantity === quantity)?.value}
                onCommit={(value) => {
                  const others = exposure.intensity.filter((i) => i.quantity !== quantity);
                  return replace(k, { ...exposure, intensity: value === undefined ? others : [...others, { quantity, value, unit }] });
                }}
              />
            ))}
            {info && info.durationUnits.length === 0 ? (
              <p className="help">{frEditor.exposure.noDuration}</p>
            ) : (
              <div className="duration-row">
                <NumberField
                  label={frEditor.exposure.duration}
                  value={exposure.duration?.value}
                  onCommit={(value) => replace(k, { ...exposure, duration: { value: value ?? 0, unit: exposure.duration?.unit ?? info?.durationUnits[0] ?? 'h/year' } })}
                />
                <SelectField
                  label={frEditor.exposure.durationUnit}
                  value={exposure.duration?.unit ?? info?.durationUnits[0] ?? 'h/year'}
                  options={(info?.durationUnits ?? [exposure.duration?.unit ?? 'h/year']).map((u) => ({ value: u, label: frEditor.durationUnits[u] ?? u }))}
                  onChange={(unit) => replace(k, { ...exposure, duration: { value: exposure.duration?.value ?? 0, unit } })}
                />
              </div>
            )}
            <SelectField
              label={frEditor.exposure.conclusion}
              value={exposure.conclusion}
              options={(['exposed', 'not_exposed', 'to_analyse'] as const).map((c) => ({ value: c, label: frEditor.conclusions[c]! }))}
              onChange={(conclusion) => replace(k, { ...exposure, conclusion })}
            />
            {verdict && (
              <p className="help computed">
                {frEditor.exposure.computed(frEditor.conclusions[verdict.verdict]!)}
                {verdict.threshold !== null && ` — ${frEditor.exposure.threshold(formatNumber(verdict.value), formatNumber(verdict.threshold), frEditor.durationUnits[verdict.unit ?? ''] ?? verdict.unit ?? '')}`}
              </p>
            )}
            <TextField
              label={frEditor.exposure.note}
              value={exposure.note ?? ''}
              multiline
              onCommit={(note) => {
                const { note: _old, ...rest } = exposure;
                return replace(k, note.trim() === '' ? rest : { ...rest, note });
              }}
            />
            <button type="button" className="small" onClick={() => save(node.exposures.filter((_, i) => i !== k), frEditor.exposure.remove(k + 1).toLowerCase())}>
              {frEditor.exposure.remove(k + 1)}
            </button>
          </fieldset>
        );
      })}
      <button type="button" onClick={() => save([...node.exposures, defaultExposure(version, retained.find((f) => !node.exposures.some((e) => e.factor === f)) ?? retained[0] ?? 'noise')], frEditor.exposure.add.toLowerCase())}>
        {frEditor.exposure.add}
      </button>
    </section>
  );
}
