// Its texts come with its chunk (app/screenTexts.ts).
import '../../app/screenTexts';
import { dimensions, NOT_STATED } from '../../../shared/dimensions';
import { useText, useTranslation } from '../../app/i18n';
import { noteLayerChosen, togglePinned, useLayerChoices, type ChoiceDimension } from '../../data/groupChoices';
import { ChoiceSelect } from '../ChoiceSelect';
import type { Axis } from './tally';

/** Chips shown at most, besides the one chosen: a phone's width of them, not the whole list again. */
const CHIP_LIMIT = 7;

interface Props {
  id: string;
  layer: Axis & { dim: ChoiceDimension };
  value: string;
  onChange: (value: string) => void;
  /** people counted in a value, for its chip and option */
  countIn: (value: string) => number;
  label: (value: string) => string;
}

/**
 * The group (or organisation) a slice of the grid counts: one tap on a chip for "not stated", the
 * pinned, the recently chosen and those already counted in this form; every other in the list.
 */
export function LayerPicker({ id, layer, value, onChange, countIn, label }: Props) {
  const { t } = useTranslation();
  const text = useText();
  const choices = useLayerChoices(layer.dim);
  const offered = new Set(layer.values);
  const counted = layer.values.filter((v) => countIn(v) > 0);
  const chips = [...new Set([NOT_STATED, ...(choices?.pinned ?? []), ...(choices?.recent ?? []), ...counted])]
    .filter((v) => offered.has(v))
    .slice(0, CHIP_LIMIT);
  if (!chips.includes(value)) chips.push(value);
  const pinned = choices?.pinned.includes(value) ?? false;
  const withCount = (v: string) => {
    const n = countIn(v);
    return `${label(v)}${n > 0 ? ` (${n})` : ''}`;
  };

  function choose(next: string) {
    onChange(next);
    if (next !== NOT_STATED) void noteLayerChosen(layer.dim, next).catch(() => undefined);
  }

  return (
    <div className="layer-picker">
      <div className="chips" role="group" aria-label={t(layer.dim === 'group' ? 'tally.chipsGroup' : 'tally.chipsSphere')}>
        {chips.map((v) => (
          <button key={v} type="button" className="chip" aria-pressed={v === value} onClick={() => choose(v)}>
            {withCount(v)}
          </button>
        ))}
      </div>
      <div className="layer-select">
        <ChoiceSelect
          id={id}
          label={text(dimensions[layer.dim].label)}
          options={layer.values.map((v) => ({ value: v, label: withCount(v) }))}
          value={value}
          onChange={choose}
        />
        {value !== NOT_STATED && (
          <button
            type="button"
            className="secondary pin"
            aria-pressed={pinned}
            aria-label={t(pinned ? 'tally.unpinWhat' : 'tally.pinWhat', { value: label(value) })}
            onClick={() => void togglePinned(layer.dim, value).catch(() => undefined)}
          >
            {t(pinned ? 'tally.unpin' : 'tally.pin')}
          </button>
        )}
      </div>
    </div>
  );
}
