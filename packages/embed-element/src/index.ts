/**
 * @netpad/embed: the `<netpad-embed>` element. Importing the package root defines it; import
 * the class from here to subclass it or to check `instanceof`.
 */
export { NetpadEmbed, default } from './netpad-embed';
export type {
  NetpadEmbedStatus,
  NetpadErrorKind,
  NetpadLoadDetail,
  NetpadChangeDetail,
  NetpadErrorDetail,
  NetpadAuthRequiredDetail,
} from './components/netpad-embed/netpad-embed.types';
export { configureNetpad, netpadConfig, notifySessionChange, type NetpadPageConfig, type NetpadMode } from './config';
export { defineOnce } from './internal/define';
