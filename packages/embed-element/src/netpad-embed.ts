/** Importing this module defines `<netpad-embed>` (once, however often it is loaded). */
import NetpadEmbed from './components/netpad-embed/netpad-embed.component';
import { defineOnce } from './internal/define';

defineOnce('netpad-embed', NetpadEmbed);

declare global {
  interface HTMLElementTagNameMap {
    'netpad-embed': NetpadEmbed;
  }
}

export { NetpadEmbed };
export default NetpadEmbed;
