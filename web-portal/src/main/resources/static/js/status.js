// Live progress of one upload: server-sent events for each video and stage. On every (re)connect the current
// status is fetched first, so nothing missed while disconnected stays missing.
(() => {
  const uploadId = document.body.dataset.uploadId;
  const connection = document.getElementById('connection');
  const feedback = document.getElementById('feedback');
  const done = new Set(['COMPLETED', 'PARTIAL', 'FAILED']);
  let source = null;

  function row(videoId) {
    return document.querySelector('tr[data-video-id="' + CSS.escape(videoId) + '"]');
  }

  function showStatus(upload) {
    document.getElementById('upload-status').textContent = upload.status;
    (upload.videos || []).forEach(v => {
      const r = row(v.videoId);
      if (!r) return;
      r.querySelector('.status').textContent = v.status;
      const stages = v.stages || [];
      const last = Array.isArray(stages) ? stages[stages.length - 1] : null;
      if (last && last.stage) r.querySelector('.stage').textContent = last.stage;
      if (v.status === 'COMPLETED') r.querySelector('.bar').value = 100;
      if (v.error) r.querySelector('.message').textContent = v.error.stage + ': ' + v.error.message;
    });
    if (done.has(upload.status) && source) {
      source.close();
      connection.textContent = '(finished)';
    }
  }

  function onEvent(e) {
    const ev = JSON.parse(e.data);
    const r = ev.videoId ? row(ev.videoId) : null;
    if (r) {
      if (ev.stage) r.querySelector('.stage').textContent = ev.stage;
      if (ev.type === 'analysis_progress') r.querySelector('.bar').value = ev.percent;
      if (ev.message) r.querySelector('.message').textContent = ev.message;
      if (ev.type === 'analysis_error') r.querySelector('.status').textContent = 'FAILED';
    }
    if (ev.type === 'real_time_feedback' && ev.message) {
      const li = document.createElement('li');
      li.textContent = ev.message;
      feedback.appendChild(li);
    }
    if (ev.type === 'analysis_complete' || ev.type === 'analysis_error') refresh();
  }

  function refresh() {
    return portal.json('/web/uploads/' + encodeURIComponent(uploadId)).then(showStatus)
      .catch(err => { connection.textContent = err.message; });
  }

  function connect() {
    source = new EventSource('/web/uploads/' + encodeURIComponent(uploadId) + '/events');
    ['analysis_started', 'analysis_progress', 'real_time_feedback', 'analysis_complete', 'analysis_error']
      .forEach(name => source.addEventListener(name, onEvent));
    source.onopen = () => { connection.textContent = '(live)'; refresh(); };
    source.onerror = () => { connection.textContent = '(reconnecting…)'; };
  }

  refresh().then(() => {
    if (!done.has(document.getElementById('upload-status').textContent)) connect();
  });
})();
