import type { FigureElement } from '@netpad/figure';

/** The triangle ABC with its circumcircle and its centroid: what every way of building it must give. */
export const CIRCUMCIRCLE_AND_CENTROID: FigureElement[] = [
  { id: 'A', type: 'point', x: -3, y: -2 },
  { id: 'B', type: 'point', x: 4, y: -1 },
  { id: 'C', type: 'point', x: 1, y: 4 },
  { id: 'poly1', type: 'polygon', points: ['A', 'B', 'C'] },
  { id: 'c', type: 'circle', through: ['A', 'B', 'C'] },
  { id: 'D', type: 'midpoint', of: ['B', 'C'] },
  { id: 'a', type: 'segment', points: ['A', 'D'] },
  { id: 'E', type: 'midpoint', of: ['C', 'A'] },
  { id: 'b', type: 'segment', points: ['B', 'E'] },
  { id: 'G', type: 'intersection', of: ['a', 'b'] },
];
