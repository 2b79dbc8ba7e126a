/**
 * The sign-in, purchase and "open elsewhere" panels, the purchase's second step and the
 * receipt, with the actions behind their buttons. A lazy chunk: most readers of most figures
 * never need it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Locale } from '@netpad/figure';
import type { Offer, Order, Wallet } from '@netpad/sdk';
import { netpadConfig, notifySessionChange } from '../../../config';
import type { Strings } from '../../../internal/i18n';
import { errorNamed } from '../../../internal/errors';
import type { Receipt, RightsController, RightsPanel } from '../../../controllers/rights';
import { buy } from './purchase';

function signIn(rights: RightsController, t: Strings): void {
  const session = rights.context.connection()?.session;
  if (!session) return;
  rights.set({ busy: true, message: undefined });
  // Straight from the click: the popup must open inside the user gesture.
  session.signInPopup().then(
    () => {
      rights.set({ busy: false });
      notifySessionChange();
    },
    (err: unknown) => {
      const name = err instanceof Error ? err.name : '';
      if (name === 'PopupBlockedError') rights.set({ busy: false, message: { text: t.popupBlocked, link: rights.context.figurePage() } });
      else if (name === 'PopupClosedError') rights.set({ busy: false, message: { text: t.popupClosed } });
      else {
        rights.set({ busy: false, message: { text: t.signInFailed } });
        console.warn('Netpad: sign-in failed', err);
      }
    },
  );
}

/**
 * Every purchase has a second step naming what, for how much, until when, and what is left.
 * (Inside a frame a one-click purchase could be clickjacked: the frame laid invisibly under a
 * decoy on a registered site. The second step's button appears elsewhere and names the price.)
 */
async function confirmPurchase(rights: RightsController, offer: Offer, t: Strings, locale: Locale): Promise<void> {
  const connection = rights.context.connection();
  if (!connection) return;
  rights.set({ busy: true, message: undefined });
  let order: Order;
  try {
    order = await buy(connection, offer.id, new AbortController().signal);
  } catch (err) {
    rights.set({ busy: false, message: { text: errorNamed(err, 'InsufficientFundsError') ? t.insufficientFunds : t.purchaseFailed } });
    return;
  }
  const from = order.paidAt ? Date.parse(order.paidAt) : Date.now();
  rights.set({
    busy: false,
    confirming: undefined,
    receipt: { orderId: order.id, title: offer.title[locale], price: order.price, validUntil: new Date(from + offer.periodDays * 86_400_000).toISOString() },
  });
  // Other figures covered by the same purchase (a whole stage) update too.
  notifySessionChange();
}

export function renderPanel(rights: RightsController, panel: RightsPanel, t: Strings, locale: Locale): TemplateResult {
  const { busy, message: said, confirming } = rights;
  const message = said
    ? html`<p class="problem" role="alert">
        ${said.text}
        ${said.link ? html` <a href=${said.link} target="_blank" rel="noopener">${t.openOnNetpad}</a>` : nothing}
      </p>`
    : nothing;
  const elsewhere = netpadConfig().elsewhere;
  if (panel.kind === 'sign-in' && elsewhere && !panel.handledByPage) return renderElsewhere(rights, elsewhere, t);
  if (panel.kind === 'sign-in') {
    const canSignIn = !panel.handledByPage && !!rights.context.connection()?.session;
    return html`<div part="panel" class="panel" role="group" aria-labelledby="panel-title">
      <h2 id="panel-title">${t.signInTitle}</h2>
      <p>${canSignIn ? t.signInLead : t.signInElsewhere}</p>
      ${panel.offers.length
        ? html`<ul part="prices">
            ${panel.offers.map((offer) => html`<li><span>${t.offer(offer.title[locale], offer.periodDays)}</span><strong>${t.price(offer.price)}</strong></li>`)}
          </ul>`
        : nothing}
      ${canSignIn
        ? html`<button part="sign-in-button" class="primary" ?disabled=${busy} @click=${() => signIn(rights, t)}>${busy ? t.signingIn : t.signInButton}</button>`
        : nothing}
      ${message}
    </div>`;
  }
  const canBuy = netpadConfig().purchase !== false;
  const date = panel.expired ? new Date(panel.expired).toLocaleDateString(locale) : '';
  return html`<div part="panel" class="panel" role="group" aria-labelledby="panel-title">
    <h2 id="panel-title">${panel.expired ? t.expiredTitle : t.purchaseTitle}</h2>
    <p>${panel.expired ? t.expiredLead(date) : panel.offers.length ? t.purchaseLead : t.noOffers}</p>
    ${panel.offers.length
      ? html`<ul>
          ${panel.offers.map(
            (offer) => html`<li>
              <span>${t.offer(offer.title[locale], offer.periodDays)}</span>
              ${canBuy && panel.wallet && panel.wallet.balance < offer.price
                ? html`<span class="short"
                    ><button part="buy-button" class="primary" disabled aria-describedby="short-${offer.id}">${t.buy(offer.price)}</button>
                    <small id="short-${offer.id}">${t.shortfall(offer.price - panel.wallet.balance)}</small></span
                  >`
                : canBuy
                  ? html`<button part="buy-button" class="primary" ?disabled=${busy || !!confirming} @click=${() => rights.set({ message: undefined, confirming: offer })}>
                      ${busy ? t.buying : t.buy(offer.price)}
                    </button>`
                  : html`<a class="primary" href=${rights.context.figurePage() ?? '#'} target="_blank" rel="noopener">${t.openOnNetpad}</a>`}
            </li>`,
          )}
        </ul>`
      : nothing}
    ${confirming ? renderConfirm(rights, confirming, t, locale, panel.wallet) : nothing}
    ${panel.wallet && canBuy ? html`<p class="note">${t.balance(panel.wallet.balance)}</p>` : nothing}
    ${message}
  </div>`;
}

/** The way out of a frame that can open no window: the address to copy, a QR code, a link. */
function renderElsewhere(rights: RightsController, elsewhere: { url: string; qr: string; open?: () => void }, t: Strings): TemplateResult {
  const copy = async (event: Event) => {
    const input = (event.currentTarget as HTMLElement).parentElement!.querySelector('input')!;
    input.select();
    let copied = false;
    try {
      await navigator.clipboard.writeText(elsewhere.url);
      copied = true;
    } catch {
      // Sandboxed frames are often refused the clipboard: the address stays selected instead.
      copied = document.execCommand?.('copy') ?? false;
    }
    rights.set({ message: { text: copied ? t.copied : t.copyByHand } });
  };
  return html`<div part="panel" class="panel elsewhere" role="group" aria-labelledby="panel-title">
    <h2 id="panel-title">${t.elsewhereTitle}</h2>
    <p>${t.elsewhereLead}</p>
    <div class="share">
      <input part="share-link" readonly .value=${elsewhere.url} aria-label=${t.figureAddress} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
      <button part="copy-button" class="primary" @click=${copy}>${t.copyLink}</button>
    </div>
    <img part="share-qr" src=${elsewhere.qr} alt=${t.qrAlt} width="132" height="132" />
    ${elsewhere.open ? html`<button part="open-button" class="retry" @click=${() => elsewhere.open!()}>${t.openOnNetpad}</button>` : nothing}
    ${rights.message ? html`<p class="note" role="status">${rights.message.text}</p>` : nothing}
  </div>`;
}

function renderConfirm(rights: RightsController, offer: Offer, t: Strings, locale: Locale, wallet: Wallet | undefined): TemplateResult {
  const until = new Date(Date.now() + offer.periodDays * 86_400_000).toLocaleDateString(locale);
  return html`<div class="confirm" role="group" aria-label=${t.confirmTitle}>
    <p>${t.confirmLead(offer.price, offer.title[locale])}</p>
    <p class="note">${t.confirmValidity(until)}${wallet ? ` ${t.balanceAfter(wallet.balance - offer.price)}` : ''}</p>
    <button part="confirm-button" class="primary" ?disabled=${rights.busy} @click=${() => void confirmPurchase(rights, offer, t, locale)}>
      ${rights.busy ? t.buying : t.confirmPay}
    </button>
    <button class="retry" @click=${() => rights.set({ confirming: undefined })}>${t.cancel}</button>
  </div>`;
}

export function renderReceipt(rights: RightsController, r: Receipt, t: Strings, locale: Locale): TemplateResult {
  return html`<div part="receipt" class="receipt" role="status">
    <strong>${t.receiptTitle}</strong>
    <span>${t.receipt(r.title, r.price, new Date(r.validUntil).toLocaleDateString(locale), r.orderId)}</span>
    <button class="retry" aria-label=${t.dismiss} @click=${() => rights.set({ receipt: undefined })}>×</button>
  </div>`;
}
