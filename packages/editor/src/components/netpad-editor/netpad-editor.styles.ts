import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    font-family: var(--netpad-editor-font, system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif);
    color: #1f2933;
    --accent: var(--netpad-editor-accent, #1e88e5);
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    container-type: inline-size;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    justify-content: space-between;
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    gap: 2px;
  }
  button {
    font: inherit;
    min-height: 36px;
    min-width: 36px;
    border: 1px solid #cbd2d9;
    background: #fff;
    border-radius: 6px;
    cursor: pointer;
    color: inherit;
  }
  button:disabled {
    opacity: 0.45;
    cursor: default;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible {
    outline: 2px solid var(--accent);
    outline-offset: 1px;
  }
  .tools button[aria-pressed='true'] {
    background: var(--accent);
    border-color: var(--accent);
    color: #fff;
  }
  .main {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(200px, 280px);
    gap: 0.5rem;
  }
  @container (max-width: 640px) {
    .main {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .board {
    position: relative;
    aspect-ratio: var(--netpad-editor-aspect-ratio, 4 / 3);
    border: 1px solid #cbd2d9;
    border-radius: 6px;
    overflow: hidden;
    background: #fff;
    /* The board takes every touch: a finger draws, it does not scroll the page. */
    touch-action: none;
  }
  .board[data-tool]:not([data-tool='move']) {
    cursor: crosshair;
  }
  .board-host {
    position: absolute;
    inset: 0;
  }
  /* The live preview's figure, over the board: faint, and never in the way of a click. */
  .ghost {
    position: absolute;
    inset: 0;
    z-index: 1;
    pointer-events: none;
    opacity: 0.55;
  }
  .loading {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    margin: 0;
    color: #52606d;
  }
  .preview {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    pointer-events: none;
    fill: none;
    stroke: var(--accent);
    stroke-width: 1.5;
    stroke-dasharray: 4 3;
  }
  .objects {
    border: 1px solid #cbd2d9;
    border-radius: 6px;
    padding: 0.5rem;
    max-height: 32rem;
    overflow: auto;
    font-size: 0.9rem;
  }
  .objects h2 {
    font-size: 1rem;
    margin: 0 0 0.25rem;
  }
  .empty {
    color: #52606d;
    margin: 0.25rem 0;
  }
  .object-list {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .object-list li {
    border-bottom: 1px solid #e4e7eb;
    padding: 2px 0;
  }
  .object-list li.selected {
    background: #e3f2fd;
  }
  .row {
    display: flex;
    align-items: center;
    gap: 4px;
    min-width: 0;
  }
  .row .name {
    font-weight: 600;
    min-width: 2.5rem;
  }
  .row .name[aria-pressed='true'] {
    border-color: var(--accent);
  }
  .definition {
    flex: 1;
    min-width: 0;
    overflow-wrap: anywhere;
    color: #323f4b;
  }
  .value {
    color: #52606d;
    white-space: nowrap;
  }
  .rename,
  .delete {
    min-width: 32px;
    min-height: 32px;
    padding: 0;
  }
  .confirm,
  .rename-form,
  .style {
    margin: 4px 0;
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    align-items: center;
  }
  .confirm p {
    margin: 0;
    flex-basis: 100%;
  }
  .style {
    border: 1px solid #e4e7eb;
    border-radius: 4px;
  }
  .playback {
    display: flex;
    align-items: center;
    gap: 4px;
    margin-top: 0.5rem;
  }
  .playback .step {
    flex: 1;
    text-align: center;
  }
  .prompt-row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .tool-parameter.tool-text input {
    width: 14rem;
  }
  .tool-parameter input {
    width: 5rem;
    min-height: 32px;
    font: inherit;
  }
  .prompt {
    flex: 1;
    margin: 0;
    min-height: 1.4em;
    color: #323f4b;
  }
  .input-line {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .input-line input {
    flex: 1;
    min-width: 12rem;
    min-height: 36px;
    font: 1rem ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    padding: 0 0.5rem;
    border: 1px solid #9aa5b1;
    border-radius: 6px;
  }
  .input-line input[aria-invalid='true'] {
    border-color: #c62828;
  }
  .error {
    flex-basis: 100%;
    margin: 0;
    color: #b71c1c;
    min-height: 1.2em;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
