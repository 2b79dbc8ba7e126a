/** @netpad/platform: the reference open-platform server. */
export { createPlatform, DEFAULT_RATE_LIMITS, DEFAULT_CONNECTION_LIMITS, type Platform, type PlatformOptions, type RateLimits, type ConnectionLimits } from './server';
export { openDatabase, migrate, type Db } from './db/open';
export { MIGRATIONS } from './db/migrations';
export { createApp, listApps, findApp, addOrigin, removeOrigin, removeApp, type AppInfo } from './auth/apps';
export { addGrant, revokeGrant, entitlementsFor, ACTIONS, type Action, type Entitlement, type Principal } from './entitlements';
export { seedDemo, demoOrigins, hasDemoData, DEMO_USERS, DEMO_TEXTBOOK_KEY, DEMO_WALLETS, DEMO_TEACHER_FIGURES, LESSON_PLATFORM_ORIGIN } from './seed';
export { WEB_CLIENT_ID } from './embed/routes';
export { serveFolder } from './api/static';
export { addOffer, creditWallet, createOrder, payOrder, offersForFigure, wallet } from './commerce';
export { SPACE_LIMIT } from './space';
export { addSigningKey } from './auth/keys';
export { hashPassword } from './auth/secrets';
export { SIGN_IN_LIMITS } from './auth/interactions';
export { sweepExpired } from './maintenance';
export { planSearch, type SearchPlan } from './catalogue/search';
export { checkCurriculum, applyCurriculum, readCurriculum, VOLUMES, type Curriculum } from './catalogue/curriculum';
export { MAX_STATE_LENGTH } from './auth/guard';
export { normalizeHtu, MAX_TOKEN_LIFETIME } from './auth/verify';
