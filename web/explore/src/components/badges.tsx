import type { Stance } from '../generated/graphql.ts';
import { nodeStyle, STANCE_COLOURS, STANCE_WORDS } from '../vocabulary.ts';

/** A stance in colour and in words: DISMISSES on a grey badge. */
export function StanceBadge({ stance }: { stance: Stance }) {
  return (
    <span
      class="badge stance"
      data-stance={stance}
      style={{ background: STANCE_COLOURS[stance] }}
      title={`Stance: ${STANCE_WORDS[stance]}`}
    >
      {stance}
    </span>
  );
}

/** An entity's type as a small shape of its colour, and its name in words. */
export function TypeBadge({ type }: { type: string }) {
  const style = nodeStyle(type);
  return (
    <span class="type-badge">
      <Shape type={type} />
      {style.word}
    </span>
  );
}

/** The shape and colour a type has in the drawing, for the legend and the badges. */
export function Shape({ type, size = 14 }: { type: string; size?: number }) {
  const { colour, shape } = nodeStyle(type);
  const s = size;
  const path: Record<string, string> = {
    ellipse: '',
    'round-rectangle': '',
    rectangle: '',
    diamond: `M${s / 2} 1 L${s - 1} ${s / 2} L${s / 2} ${s - 1} L1 ${s / 2} Z`,
    triangle: `M${s / 2} 1 L${s - 1} ${s - 1} L1 ${s - 1} Z`,
    hexagon: `M${s * 0.25} 1 L${s * 0.75} 1 L${s - 1} ${s / 2} L${s * 0.75} ${s - 1} L${s * 0.25} ${s - 1} L1 ${s / 2} Z`,
    'round-tag': `M1 2 L${s * 0.65} 2 L${s - 1} ${s / 2} L${s * 0.65} ${s - 2} L1 ${s - 2} Z`,
  };
  return (
    <svg class="shape" width={s} height={s} viewBox={`0 0 ${s} ${s}`} aria-hidden="true">
      {shape === 'ellipse' && <circle cx={s / 2} cy={s / 2} r={s / 2 - 1} fill={colour} />}
      {(shape === 'round-rectangle' || shape === 'rectangle') && (
        <rect
          x="1"
          y="2"
          width={s - 2}
          height={s - 4}
          rx={shape === 'round-rectangle' ? 3 : 0}
          fill={colour}
        />
      )}
      {path[shape] && <path d={path[shape]} fill={colour} />}
    </svg>
  );
}
