// Bulk upload: drag and drop, athlete and skill per file, one XMLHttpRequest per file so each shows its progress.
(() => {
  const queue = [];
  const tbody = document.querySelector('#queue tbody');
  const teamSelect = document.getElementById('team');
  const start = document.getElementById('start');
  const result = document.getElementById('result');
  let roster = [];

  async function loadRoster() {
    roster = teamSelect.value ? await portal.json('/web/teams/' + encodeURIComponent(teamSelect.value) + '/athletes') : [];
    queue.forEach(item => fillAthletes(item.athlete));
  }

  function fillAthletes(select) {
    const current = select.value;
    select.replaceChildren();
    const none = document.createElement('option');
    none.value = '';
    none.textContent = roster.length ? '(choose athlete)' : '(no roster)';
    select.appendChild(none);
    roster.forEach(a => {
      const o = document.createElement('option');
      o.value = a.id;
      o.textContent = a.name;
      select.appendChild(o);
    });
    select.value = current;
  }

  function add(files) {
    for (const file of files) {
      const row = document.createElement('tr');
      portal.cell(row, file.name, 'file');
      const athlete = document.createElement('select');
      athlete.className = 'athlete';
      fillAthletes(athlete);
      row.appendChild(document.createElement('td')).appendChild(athlete);
      const skill = document.createElement('select');
      skill.className = 'skill';
      skill.appendChild(document.getElementById('skill-options').content.cloneNode(true));
      row.appendChild(document.createElement('td')).appendChild(skill);
      const bar = document.createElement('progress');
      bar.max = 100;
      bar.value = 0;
      const cell = row.appendChild(document.createElement('td'));
      cell.appendChild(bar);
      const note = document.createElement('span');
      note.className = 'note';
      cell.appendChild(note);
      tbody.appendChild(row);
      const item = { file, athlete, skill, bar, note };
      // a choice made by hand is never overwritten by what the file name suggests
      athlete.addEventListener('change', () => { item.athletePicked = true; });
      skill.addEventListener('change', () => { item.skillPicked = true; });
      queue.push(item);
    }
    start.disabled = queue.length === 0;
    suggest(queue).catch(e => { result.textContent = e.message; });
  }

  // Athlete and skill from the file names, as the server reads them (GET /web/uploads/tags).
  async function suggest(items) {
    const open = items.filter(item => !item.athletePicked || !item.skillPicked);
    if (!open.length) return;
    const query = new URLSearchParams();
    if (teamSelect.value) query.append('teamId', teamSelect.value);
    open.forEach(item => query.append('file', item.file.name));
    const tags = await portal.json('/web/uploads/tags?' + query);
    open.forEach((item, i) => {
      const tag = tags[i] || {};
      if (!item.athletePicked) item.athlete.value = tag.athleteId || '';
      if (!item.skillPicked) item.skill.value = tag.skillId || '';
      item.athlete.classList.toggle('guessed', !!tag.athleteId && !item.athletePicked);
      item.skill.classList.toggle('guessed', !!tag.skillId && !item.skillPicked);
    });
  }

  // All files go in one request, so the session is one upload (one analysis job, one team report). The parts are
  // sent in order, so each file's own progress follows from the bytes sent so far and the sizes before it.
  function send(items) {
    return new Promise(resolve => {
      const form = new FormData();
      if (teamSelect.value) form.append('teamId', teamSelect.value);
      // the page showed what the file names say; what is blank now was left blank on purpose
      form.append('tagsFromFileNames', 'false');
      items.forEach(item => {
        form.append('files', item.file, item.file.name);
        form.append('athlete', item.athlete.value);
        form.append('skill', item.skill.value);
      });
      const total = items.reduce((sum, item) => sum + item.file.size, 0) || 1;
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/web/uploads');
      Object.entries(portal.csrfHeaders()).forEach(([k, v]) => xhr.setRequestHeader(k, v));
      xhr.upload.onprogress = e => {
        if (!e.lengthComputable) return;
        let sent = e.loaded * total / e.total;  // scale away the multipart framing
        items.forEach(item => {
          const own = Math.max(0, Math.min(item.file.size, sent));
          item.bar.value = item.file.size ? Math.round(100 * own / item.file.size) : 100;
          sent -= item.file.size;
        });
      };
      xhr.onload = () => {
        let body = {};
        try { body = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
        if (xhr.status === 202) {
          items.forEach(item => { item.bar.value = 100; item.note.textContent = ' stored'; });
          const link = document.createElement('a');
          link.href = '/uploads/' + encodeURIComponent(body.uploadId);
          link.textContent = 'Follow the analysis of these ' + items.length + ' videos';
          link.id = 'status-link';
          result.replaceChildren(link);
          resolve(body.uploadId);
        } else {
          const message = body.error || ('Upload failed: HTTP ' + xhr.status);
          items.forEach(item => { item.note.textContent = ' not stored'; item.note.className = 'note error'; });
          result.textContent = message;
          result.className = 'error';
          resolve(null);
        }
      };
      xhr.onerror = () => { result.textContent = 'Network error; nothing was stored. Try again.'; resolve(null); };
      xhr.send(form);
    });
  }

  const drop = document.getElementById('drop');
  ['dragenter', 'dragover'].forEach(t => drop.addEventListener(t, e => { e.preventDefault(); drop.classList.add('over'); }));
  ['dragleave', 'drop'].forEach(t => drop.addEventListener(t, e => { e.preventDefault(); drop.classList.remove('over'); }));
  drop.addEventListener('drop', e => add(e.dataTransfer.files));
  document.getElementById('files').addEventListener('change', e => add(e.target.files));
  teamSelect.addEventListener('change', () => loadRoster().then(() => suggest(queue))
      .catch(e => { result.textContent = e.message; }));
  start.addEventListener('click', async () => {
    start.disabled = true;
    result.className = 'muted';
    result.textContent = 'Uploading…';
    const pending = queue.splice(0);
    const id = await send(pending);
    if (!id) {
      queue.push(...pending);
      start.disabled = false;
    }
  });
  loadRoster().catch(e => { result.textContent = e.message; });
  // the camera recorder hands its recording over like a chosen file
  window.skillmirrorUpload = { add };
})();
