/** Importing this module defines `<netpad-embed>` (once, however often it is loaded). */
import NetpadEmbed from './components/netpad-embed/netpad-embed.component';
import type {
  NetpadAuthRequiredDetail,
  NetpadChangeDetail,
  NetpadEmbedStatus,
  NetpadErrorDetail,
  NetpadLoadDetail,
} from './components/netpad-embed/netpad-embed.types';
import { defineOnce } from './internal/define';

defineOnce('netpad-embed', NetpadEmbed);

declare global {
  interface HTMLElementTagNameMap {
    'netpad-embed': NetpadEmbed;
  }
  /** The element's events bubble and are composed: a listener on the page gets them typed. */
  interface HTMLElementEventMap {
    'netpad-load': CustomEvent<NetpadLoadDetail>;
    'netpad-change': CustomEvent<NetpadChangeDetail>;
    'netpad-error': CustomEvent<NetpadErrorDetail>;
    'netpad-auth-required': CustomEvent<NetpadAuthRequiredDetail>;
    'netpad-status': CustomEvent<{ status: NetpadEmbedStatus }>;
  }
}

export { NetpadEmbed };
export default NetpadEmbed;
