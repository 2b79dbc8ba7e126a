import { css } from 'lit';

export default css`
  :host {
    --netpad-aspect-ratio: 4 / 3;
    --netpad-background: #ffffff;
    --netpad-foreground: #263238;
    --netpad-muted: #607d8b;
    --netpad-border: 1px solid #cfd8dc;
    --netpad-radius: 8px;
    --netpad-accent: #1565c0;
    --netpad-error: #c62828;
    --netpad-font: system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif;

    display: block;
    position: relative;
    /* Space is reserved before anything loads, so the page never shifts. */
    aspect-ratio: var(--netpad-aspect-ratio);
    min-height: 120px;
    box-sizing: border-box;
    contain: content;
    font-family: var(--netpad-font);
    color: var(--netpad-foreground);
  }

  :host([hidden]) {
    display: none;
  }

  /* Full screen: the whole screen, no reserved ratio and no containment to clip the board. */
  :host(:fullscreen) {
    contain: none;
    aspect-ratio: auto;
    width: 100vw;
    height: 100vh;
    background: var(--netpad-background);
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --netpad-background: #1e2529;
      --netpad-foreground: #eceff1;
      --netpad-muted: #b0bec5;
      --netpad-border: 1px solid #455a64;
      --netpad-error: #ef9a9a;
    }
  }

  .base {
    position: absolute;
    inset: 0;
    overflow: hidden;
    container-type: size;
    border: var(--netpad-border);
    border-radius: var(--netpad-radius);
    background: var(--netpad-background);
  }

  .board {
    position: absolute;
    inset: 0;
  }

  .board[hidden] {
    display: none;
  }

  /* The board stays light in dark mode: figure colours are chosen for a white page. */
  .netpad-board {
    background: #ffffff;
    touch-action: pan-x pan-y;
  }

  .netpad-board :focus-visible {
    outline: 3px solid var(--netpad-accent);
    outline-offset: 2px;
  }

  .poster {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: contain;
    background: #ffffff;
  }

  .status {
    position: absolute;
    inset: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 0.75rem;
    padding: 1rem;
    text-align: center;
    color: var(--netpad-muted);
    font-size: 0.95rem;
  }

  .activate {
    all: unset;
    position: absolute;
    inset: 0;
    cursor: pointer;
  }

  .activate:focus-visible {
    outline: 3px solid var(--netpad-accent);
    outline-offset: -3px;
  }

  .spinner {
    width: 28px;
    height: 28px;
    border: 3px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: spin 0.9s linear infinite;
  }

  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
      border-right-color: currentColor;
      opacity: 0.5;
    }
  }

  .error {
    position: absolute;
    inset: 0;
    overflow: auto;
    padding: 1rem 1.25rem;
    color: var(--netpad-foreground);
    background: var(--netpad-background);
    font-size: 0.9rem;
    line-height: 1.45;
  }

  .error h2 {
    margin: 0 0 0.5rem;
    font-size: 1rem;
    color: var(--netpad-error);
  }

  .error ul {
    margin: 0.25rem 0 0.75rem;
    padding-left: 1.25rem;
  }

  .error code {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 0.85em;
  }

  .retry {
    font: inherit;
    padding: 0.35rem 0.9rem;
    border: 1px solid var(--netpad-accent);
    border-radius: 6px;
    background: transparent;
    color: var(--netpad-accent);
    cursor: pointer;
  }

  .retry:focus-visible {
    outline: 3px solid var(--netpad-accent);
    outline-offset: 2px;
  }

  .error.banner {
    inset: auto 0 0 0;
    padding: 0.6rem 0.9rem;
    border-top: var(--netpad-border);
    background: color-mix(in srgb, var(--netpad-background) 94%, transparent);
  }

  .panel {
    position: absolute;
    inset: 0;
    overflow: auto;
    display: flex;
    flex-direction: column;
    justify-content: center;
    gap: 0.5rem;
    padding: 1rem 1.25rem;
    background: color-mix(in srgb, var(--netpad-background) 88%, transparent);
    color: var(--netpad-foreground);
    font-size: 0.9rem;
    line-height: 1.45;
  }

  .panel h2 {
    margin: 0;
    font-size: 1rem;
  }

  .panel p {
    margin: 0;
  }

  .panel ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.4rem;
  }

  .panel li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }

  .panel .note {
    color: var(--netpad-muted);
  }

  .panel .short {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
  }

  .receipt {
    position: absolute;
    inset: auto 0.5rem 0.5rem 0.5rem;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.35rem 0.6rem;
    padding: 0.45rem 0.7rem;
    border-radius: 6px;
    background: color-mix(in srgb, var(--netpad-background) 94%, transparent);
    border: var(--netpad-border);
    color: var(--netpad-foreground);
    font: 0.85rem/1.4 var(--netpad-font, system-ui, sans-serif);
  }

  .receipt button {
    margin-left: auto;
  }

  /* A sandboxed frame's way out: address, copy, QR code; the code shrinks on a phone. */
  .panel.elsewhere {
    justify-content: safe center;
  }

  .share {
    display: flex;
    gap: 0.4rem;
  }

  .share input {
    flex: 1;
    min-width: 0;
    font: inherit;
    font-size: 0.8rem;
    padding: 0.3rem 0.45rem;
    border: var(--netpad-border);
    border-radius: 6px;
    background: var(--netpad-background);
    color: var(--netpad-foreground);
  }

  .elsewhere img {
    align-self: center;
    width: min(132px, 30%);
    height: auto;
    image-rendering: pixelated;
  }

  .panel .problem {
    color: var(--netpad-error);
  }

  button.primary,
  a.primary {
    font: inherit;
    padding: 0.35rem 0.9rem;
    border: 1px solid var(--netpad-accent);
    border-radius: 6px;
    background: var(--netpad-accent);
    color: #fff;
    cursor: pointer;
    text-decoration: none;
    align-self: flex-start;
  }

  button.primary[disabled] {
    opacity: 0.6;
    cursor: progress;
  }

  button.primary:focus-visible,
  a.primary:focus-visible,
  .toolbar button:focus-visible {
    outline: 3px solid var(--netpad-accent);
    outline-offset: 2px;
  }

  /* Bottom right, faded until the reader reaches for it, so it hides little of the figure. */
  .toolbar {
    position: absolute;
    bottom: 6px;
    right: 6px;
    display: flex;
    gap: 4px;
    z-index: 2;
    opacity: 0.55;
    transition: opacity 0.15s;
  }

  .base:hover .toolbar,
  .toolbar:focus-within {
    opacity: 1;
  }

  @media (hover: none) {
    .toolbar {
      opacity: 1;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .toolbar {
      transition: none;
    }
  }

  /*
   * On a narrow board (a phone) the tools would cover the figure's axes and labels: the board
   * gives them a strip of its own at the bottom. The reserved space stays the same (nothing on
   * the page moves); the board is 36 px shorter and redraws to fit.
   */
  @container (max-width: 479px) {
    .base.tools .board {
      bottom: 36px;
    }
    .base.tools .toolbar {
      inset: auto 0 0 0;
      height: 36px;
      align-items: center;
      justify-content: flex-end;
      padding: 0 6px;
      box-sizing: border-box;
      border-top: var(--netpad-border);
      background: var(--netpad-background);
      opacity: 1;
    }
  }

  .toolbar button {
    font: inherit;
    font-size: 0.8rem;
    padding: 0.2rem 0.55rem;
    border: var(--netpad-border);
    border-radius: 6px;
    background: color-mix(in srgb, var(--netpad-background) 90%, transparent);
    color: var(--netpad-foreground);
    cursor: pointer;
  }

  .toolbar button[aria-pressed='true'] {
    background: var(--netpad-accent);
    color: #fff;
  }

  .editor {
    position: absolute;
    left: 0;
    right: 0;
    bottom: 0;
    z-index: 2;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 0.75rem;
    border-top: var(--netpad-border);
    background: color-mix(in srgb, var(--netpad-background) 94%, transparent);
    font-size: 0.85rem;
  }

  .editor input {
    font: inherit;
    flex: 1 1 10rem;
    min-width: 0;
    padding: 0.25rem 0.4rem;
  }

  .editor [role='status'] {
    flex-basis: 100%;
  }

  .frame {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    border: 0;
  }

  .frame.pending {
    visibility: hidden;
  }

  :host(:fullscreen) .base,
  .base:fullscreen {
    border-radius: 0;
  }

  .confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem;
    border: 1px solid var(--netpad-accent);
    border-radius: 6px;
  }

  .confirm p {
    flex-basis: 100%;
  }
`;
