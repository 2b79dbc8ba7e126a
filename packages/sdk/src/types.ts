/** Shapes of the platform's answers (see packages/platform/README.md). */
export type Action = 'view' | 'edit' | 'save_as';

export interface Entitlement {
  actions: Action[];
  expiresAt: string | null;
  via: string[];
  /** Only when the caller may not view the figure but once could: when that right ended. */
  expired?: string;
}

/** A name in both languages (a type, not an interface, so it fits `Record<string, string>`). */
export type LocalizedName = {
  'zh-CN': string;
  en: string;
};

export interface FigureSummary {
  id: string;
  title: LocalizedName;
  description: LocalizedName;
  stage: string | null;
  grade: number | null;
  free: boolean;
  nodes: string[];
  updatedAt: string;
  links: { document: string; poster: string; page: string };
  entitlement: Entitlement;
  /** With a search (`q`): where the terms occur, as [start, end) UTF-16 ranges, to highlight safely. */
  highlights?: { title: Record<'zh-CN' | 'en', [number, number][]>; description: Record<'zh-CN' | 'en', [number, number][]> };
}

/**
 * A node of the catalogue's trees: stage › grade › edition › volume (八年级上册, 必修 第一册) ›
 * chapter › section (`point`), or a topic. Each edition has its own books: one figure may sit in
 * 八年级上册 of one edition and 八年级下册 of another.
 */
export interface DimensionNode {
  id: string;
  level: 'stage' | 'grade' | 'edition' | 'volume' | 'chapter' | 'point' | 'topic';
  name: LocalizedName;
  children: DimensionNode[];
}

/** `GET /v1/dimensions`: the curriculum tree and the topics. */
export interface Dimensions {
  curriculum: DimensionNode[];
  topics: DimensionNode[];
}

export interface SearchFilters {
  /** Figures placed in this stage in any edition (or, placed in no book, of this stage). */
  stage?: 'primary' | 'junior' | 'senior';
  /** Figures placed in this grade in any edition (or, placed in no book, of this grade). */
  grade?: number;
  /** Node ids (see `dimensions()`): figures anywhere below that node. */
  edition?: string;
  volume?: string;
  chapter?: string;
  topic?: string;
  node?: string;
  q?: string;
}

export interface Offer {
  id: string;
  object: { type: 'figure' | 'node'; id: string };
  actions: Action[];
  periodDays: number;
  price: number;
  title: LocalizedName;
}

export interface Quote {
  offer: Offer;
  price: number;
  balance: number;
  validFrom: string;
  validUntil: string;
  affordable: boolean;
}

export interface Order {
  id: string;
  offerId: string;
  price: number;
  /** `expired`: a pending order not paid within its time (see `expiresAt`). */
  status: 'pending' | 'paid' | 'expired';
  /** What was bought. */
  title: LocalizedName;
  /** Until when a pending order may be paid. */
  expiresAt: string;
  createdAt: string;
  paidAt: string | null;
  grantId: number | null;
}

export interface Account {
  id: string;
  username: string;
  displayName: string;
}

/** One right a user holds, as `GET /v1/me/rights` lists it. */
export interface HeldRight {
  grantId: number;
  object: { type: 'figure' | 'node'; id: string; name: LocalizedName };
  actions: Action[];
  validFrom: string | null;
  /** `null`: no end date. */
  validUntil: string | null;
  source: { kind: 'order'; orderId: string } | { kind: 'grant'; note: string };
  /** Whether it holds now (an ended one is listed for 90 days). */
  active: boolean;
}

export interface Wallet {
  balance: number;
  currency: string;
  ledger: { amount: number; balanceAfter: number; kind: string; orderId: string | null; note: string; createdAt: string }[];
}

export interface SpaceFigure {
  id: string;
  title: string;
  sourceFigureId: string | null;
  createdAt: string;
  updatedAt: string;
  etag: string;
}
