// Progressive enhancement only: every page works without this file.
import { initAll } from '/assets/govuk-frontend.min.js';

initAll();

// Suggested knowledge articles while someone types a title. Without JavaScript the page offers the
// same search as a form.
for (const input of document.querySelectorAll('[data-suggest]')) {
  const target = document.querySelector('[data-suggestions]');
  if (!target) continue;
  let timer;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (q.length < 3) return;
      try {
        const res = await fetch(`${input.dataset.suggest}?q=${encodeURIComponent(q)}`, { headers: { accept: 'application/json' } });
        if (!res.ok) return;
        const { items } = await res.json();
        target.replaceChildren();
        if (!items.length) return;
        const heading = document.createElement('h2');
        heading.className = 'govuk-heading-s';
        heading.textContent = 'These might help';
        const list = document.createElement('ul');
        list.className = 'govuk-list';
        for (const a of items.slice(0, 5)) {
          const li = document.createElement('li');
          const link = document.createElement('a');
          link.className = 'govuk-link';
          link.href = `/knowledge/${a.id}`;
          link.textContent = a.title;
          li.append(link);
          list.append(li);
        }
        target.append(heading, list);
      } catch {
        // Suggestions are a help, not a step: say nothing if they cannot be fetched.
      }
    }, 300);
  });
}

// A picture too wide for a phone starts folded there, so its list alternative comes first; without
// JavaScript it stays open, and anyone can open it.
if (window.matchMedia('(max-width: 40.0625em)').matches) for (const details of document.querySelectorAll('details[data-folded-on-phone]')) details.open = false;

// Keyboard shortcuts for people who live in the queue, listed on the page. Never while typing.
const typing = (el) => !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
document.addEventListener('keydown', (event) => {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
  const queue = document.querySelector('[data-shortcuts="queue"]');
  const ticket = document.querySelector('[data-shortcuts="ticket"]');
  if (queue && (event.key === 'j' || event.key === 'k')) {
    const rows = [...queue.querySelectorAll('a[data-ticket]')];
    if (!rows.length) return;
    const at = rows.indexOf(document.activeElement);
    const next = event.key === 'j' ? Math.min(rows.length - 1, at + 1) : Math.max(0, at < 0 ? 0 : at - 1);
    rows[next].focus();
    event.preventDefault();
  } else if (queue && event.key === '/') {
    document.getElementById('q')?.focus();
    event.preventDefault();
  } else if (ticket && event.key === 'a') {
    document.querySelector('[data-shortcut-take]')?.requestSubmit();
  } else if (ticket && (event.key === 'r' || event.key === 'n')) {
    const body = document.getElementById('body');
    if (!body) return;
    const choice = body.form?.querySelector(`input[name="visibility"][value="${event.key === 'r' ? 'public' : 'internal'}"]`);
    if (choice) choice.checked = true;
    body.focus();
    event.preventDefault();
  } else if (ticket && event.key === 'u') {
    window.location.href = '/service-desk';
  }
});
