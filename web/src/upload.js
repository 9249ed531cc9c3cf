// Adding an article: paste its text or pick an HTML file; POST /api/v1/articles with the token.

import { API, errorMessage } from './api.js';

const TOKEN_KEY = 'sitrep-token';

export function setupUpload({ dialog, opener, maxBytes, onStored }) {
  const form = dialog.querySelector('form');
  const status = dialog.querySelector('[role="status"]');
  const token = form.elements.token;
  token.value = sessionStorage.getItem(TOKEN_KEY) || '';
  opener.addEventListener('click', () => {
    status.textContent = '';
    dialog.showModal();
  });
  dialog.querySelector('.close').addEventListener('click', () => dialog.close());

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = 'Processing…';
    try {
      const body = JSON.stringify(await payload(form));
      if (new TextEncoder().encode(body).length > maxBytes) {
        status.textContent = `Too large: the limit is ${maxBytes.toLocaleString('en')} bytes.`;
        return;
      }
      sessionStorage.setItem(TOKEN_KEY, token.value);
      const response = await fetch(`${API}/articles`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token.value}` },
        body,
      });
      if (!response.ok) {
        status.textContent = `Not stored: ${await errorMessage(response)}`;
        return;
      }
      const result = await response.json();
      const found = `${result.event_ids.length} event(s) found`;
      status.textContent = result.stored ? `Stored: ${found}.` : `Already in the store: ${found}.`;
      onStored(result);
    } catch (error) {
      status.textContent = `Not stored: ${error.message}`;
    }
  });
}

async function payload(form) {
  const file = form.elements.file.files[0];
  const text = form.elements.text.value;
  const data = file ? { html: await file.text() } : { text };
  if (!file && !text.trim()) throw new Error('paste the text or choose an HTML file');
  if (form.elements.title.value) data.title = form.elements.title.value;
  if (form.elements.published.value) data.published = form.elements.published.value;
  return data;
}
