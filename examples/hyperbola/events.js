// Shows the element's public API: netpad-change events, setValue and reset.
const figure = document.getElementById('figure');
const output = document.getElementById('state');

const show = (state) => {
  output.textContent = JSON.stringify(state, (_key, v) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v));
};
figure.addEventListener('netpad-load', () => show(figure.getState()));
figure.addEventListener('netpad-change', (event) => show(event.detail.state));
figure.addEventListener('netpad-error', (event) => {
  output.textContent = `${event.detail.kind}: ${event.detail.message}`;
});
document.getElementById('reset').addEventListener('click', () => figure.reset());
document.getElementById('k5').addEventListener('click', () => figure.setValue('k', 5));
