// Shared helpers. User-supplied text is only ever put into the page with textContent (never parsed as HTML).
const portal = {
  csrfHeaders() {
    const token = document.querySelector('meta[name="_csrf"]');
    const header = document.querySelector('meta[name="_csrf_header"]');
    return token && header ? { [header.content]: token.content } : {};
  },
  cell(row, text, cls) {
    const td = document.createElement('td');
    if (cls) td.className = cls;
    td.textContent = text == null ? '' : String(text);
    row.appendChild(td);
    return td;
  },
  async json(url, options) {
    const res = await fetch(url, Object.assign({ credentials: 'same-origin', headers: portal.csrfHeaders() }, options || {}));
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.error || ('HTTP ' + res.status));
    return body;
  }
};
