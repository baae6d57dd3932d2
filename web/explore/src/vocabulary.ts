/**
 * How the explorer shows the API's closed vocabularies: a colour and a shape for each kind of node,
 * a colour for each stance. Colour is never the only signal: shapes differ, and badges say their
 * stance or type in words. Text colours meet WCAG AA (4.5:1) on their backgrounds.
 */
import type { Stance } from './generated/graphql.ts';

export const STANCES: readonly Stance[] = [
  'ASSERTS',
  'SUPPORTS',
  'PROMOTES',
  'PREDICTS',
  'DISPUTES',
  'CRITICIZES',
  'DISMISSES',
];

/** Badge backgrounds, each with white text at 4.5:1 or more. */
export const STANCE_COLOURS: Record<Stance, string> = {
  ASSERTS: '#1d5a91',
  SUPPORTS: '#1b6e37',
  PROMOTES: '#6a3d9a',
  PREDICTS: '#7a5200',
  DISPUTES: '#b0261c',
  CRITICIZES: '#97285f',
  DISMISSES: '#4a4f57',
};

export const STANCE_WORDS: Record<Stance, string> = {
  ASSERTS: 'asserts',
  SUPPORTS: 'supports',
  PROMOTES: 'promotes',
  PREDICTS: 'predicts',
  DISPUTES: 'disputes',
  CRITICIZES: 'criticizes',
  DISMISSES: 'dismisses',
};

export type NodeKind =
  'Person' | 'Organization' | 'Event' | 'Place' | 'Topic' | 'Claim' | 'Article';

/** Cytoscape shapes, and fills that stand out from each other and from white (3:1 or more). */
export const NODE_STYLES: Record<NodeKind, { colour: string; shape: string; word: string }> = {
  Person: { colour: '#0a6bb0', shape: 'ellipse', word: 'Person' },
  Organization: { colour: '#c4530a', shape: 'round-rectangle', word: 'Organization' },
  Event: { colour: '#12805c', shape: 'diamond', word: 'Event' },
  Place: { colour: '#a8487f', shape: 'triangle', word: 'Place' },
  Topic: { colour: '#8c6d00', shape: 'hexagon', word: 'Topic' },
  Claim: { colour: '#5a6270', shape: 'round-tag', word: 'Claim' },
  Article: { colour: '#333b47', shape: 'rectangle', word: 'Article' },
};

export function nodeStyle(type: string): { colour: string; shape: string; word: string } {
  return NODE_STYLES[type as NodeKind] ?? { colour: '#555', shape: 'ellipse', word: type };
}

/** A partial date as people read it: 2008, March 2008, 11 March 2008. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const [year, month, day] = value.split('-');
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  const monthName = month ? months[Number(month) - 1] : undefined;
  if (!monthName) return year ?? value;
  return day ? `${Number(day)} ${monthName} ${year}` : `${monthName} ${year}`;
}

/** FACT_TYPES as words: WORKS_FOR -> works for. */
export const relationWords = (relation: string) => relation.toLowerCase().replace(/_/g, ' ');
