import type { TemplateResult } from 'lit';
import type { Locale } from '@netpad/figure';
import type { Offer, Wallet } from '@netpad/sdk';
import { strings, type Strings } from '../internal/i18n';
import { lazyChunk } from '../internal/lazy-chunk';
import type { Connection } from '../internal/platform-client';
import type { EmbedElement, EmbedPort, NetpadAuthRequiredDetail } from '../components/netpad-embed/netpad-embed.types';
import type { RightsOutcome } from './figure-source';
import type * as ViewModule from '../components/netpad-embed/panels/rights-panels';

export type RightsPanel =
  | { kind: 'sign-in'; handledByPage: boolean; offers: Offer[] }
  | { kind: 'purchase'; offers: Offer[]; wallet: Wallet | undefined; expired: string | undefined };

export interface Receipt {
  orderId: string;
  title: string;
  price: number;
  validUntil: string;
}

type View = typeof ViewModule;
/** The panels and the purchase code load only for a figure the reader may not view yet. */
const loadView = lazyChunk<View>(() => import('../components/netpad-embed/panels/rights-panels'));

/**
 * What stands between a reader and a figure they may not view yet: the sign-in panel (with
 * the prices), the purchase panel with its confirming second step, and the receipt over the
 * figure a purchase opened. Its state lives here (it needs no lifecycle of its own: it redraws
 * the host when it changes); its templates and actions load on demand.
 */
export class RightsController {
  panel: RightsPanel | undefined;
  busy = false;
  message: { text: string; link?: string } | undefined;
  /** The offer the reader chose, waiting for the second step that names price and validity. */
  confirming: Offer | undefined;
  /** What the reader just bought, shown over the figure it opened until dismissed. */
  receipt: Receipt | undefined;
  #view: View | undefined;

  constructor(
    readonly host: EmbedElement,
    readonly port: EmbedPort,
    /** The platform's client of the element (for sign-in and purchases) and the figure's page there. */
    readonly context: { connection(): Connection | undefined; figurePage(): string | undefined },
  ) {}

  /** Changes some of the state and redraws. */
  set(patch: Partial<Pick<RightsController, 'panel' | 'busy' | 'message' | 'confirming' | 'receipt'>>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }

  /** Hides the panels (a new load begins). The receipt stays: it belongs to the figure a purchase opened. */
  clear(): void {
    this.set({ panel: undefined, busy: false, message: undefined, confirming: undefined });
  }

  /** Shows what the reader must do, once its panel's code is here; asks the page first whether it runs its own sign-in. */
  async show(outcome: RightsOutcome, current: () => boolean): Promise<void> {
    const proceed = outcome.kind !== 'sign-in' || this.port.emit('netpad-auth-required', { resource: this.host.resource } satisfies NetpadAuthRequiredDetail, true);
    try {
      this.#view = await loadView();
    } catch {
      // The panels' chunk did not come (offline): say so, with the retry that fetches it again.
      if (!current()) return;
      const t = strings(this.port.locale());
      return this.port.fail({ kind: 'network', title: t.errorTitleNetwork, message: t.networkDetail(this.context.connection()?.platform ?? '') });
    }
    if (!current()) return;
    if (outcome.kind === 'sign-in') {
      this.set({ panel: { kind: 'sign-in', handledByPage: !proceed, offers: outcome.offers } });
      this.host.status = 'sign-in';
    } else {
      this.set({ panel: { kind: 'purchase', offers: outcome.offers, wallet: outcome.wallet, expired: outcome.expired } });
      this.host.status = outcome.expired ? 'expired' : 'purchase';
    }
  }

  renderPanel(t: Strings, locale: Locale): TemplateResult | undefined {
    return this.panel && this.#view?.renderPanel(this, this.panel, t, locale);
  }

  renderReceipt(t: Strings, locale: Locale): TemplateResult | undefined {
    return this.receipt && this.#view?.renderReceipt(this, this.receipt, t, locale);
  }
}
