/** @netpad/platform: the reference open-platform server. */
export { createPlatform, type Platform, type PlatformOptions } from './server';
export { openDatabase, migrate, type Db } from './db/open';
export { createApp, listApps, findApp, addOrigin, type AppInfo } from './auth/apps';
export { addGrant, revokeGrant, entitlementsFor, ACTIONS, type Action, type Entitlement, type Principal } from './entitlements';
export { seedDemo, DEMO_USERS, DEMO_TEXTBOOK_KEY, DEMO_WALLETS, DEMO_TEACHER_FIGURES, LESSON_PLATFORM_ORIGIN } from './seed';
export { WEB_CLIENT_ID } from './embed/routes';
export { serveFolder } from './api/static';
export { addOffer, creditWallet, createOrder, payOrder, offersForFigure, wallet } from './commerce';
export { SPACE_LIMIT } from './space';
export { addSigningKey } from './auth/keys';
export { hashPassword } from './auth/secrets';
export { SIGN_IN_LIMITS } from './auth/interactions';
