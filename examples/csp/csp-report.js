// Counts Content-Security-Policy violations on this page, for readers and for the tests.
const output = document.getElementById('violations') ?? null;
window.netpadCspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.netpadCspViolations.push({ directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample });
  const out = output ?? document.getElementById('violations');
  if (out) out.textContent = String(window.netpadCspViolations.length);
});
