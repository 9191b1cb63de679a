// Record a clip in the browser (getUserMedia + MediaRecorder, WebM) and put it in the upload list like a chosen
// file: it is uploaded, tagged and analysed the same way.
(() => {
  const record = document.getElementById('record');
  const stop = document.getElementById('stop-record');
  const preview = document.getElementById('camera-preview');
  const note = document.getElementById('camera-note');
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.MediaRecorder) {
    record.disabled = true;
    note.textContent = 'This browser cannot record here: recording needs a secure page (HTTPS or localhost) and a browser with MediaRecorder. Choose files instead.';
    return;
  }
  let recorder = null;
  let stream = null;
  let startedAt = 0;

  async function camera() {
    try {
      return await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: true });
    } catch (withAudio) {
      // a camera without a microphone still records: speech analysis then reports that there is no audio
      return navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
    }
  }

  record.addEventListener('click', async () => {
    record.disabled = true;
    try {
      stream = await camera();
    } catch (e) {
      record.disabled = false;
      note.textContent = 'No camera: ' + e.message + '. Allow camera access for this site in the browser, or choose files instead.';
      return;
    }
    preview.srcObject = stream;
    preview.hidden = false;
    preview.play().catch(() => { /* the preview is a convenience; recording goes on without it */ });
    const type = ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp8', 'video/webm'].find(t => MediaRecorder.isTypeSupported(t));
    recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
    const chunks = [];
    let failed = false;
    recorder.ondataavailable = e => { if (e.data && e.data.size) chunks.push(e.data); };
    recorder.onstop = () => {
      stream.getTracks().forEach(t => t.stop());
      preview.srcObject = null;
      preview.hidden = true;
      stop.hidden = true;
      record.disabled = false;
      if (failed) return; // the error is on screen; a broken recording is not offered for upload
      const seconds = (Date.now() - startedAt) / 1000;
      const blob = new Blob(chunks, { type: 'video/webm' });
      if (!blob.size) {
        note.textContent = 'The recording is empty: the camera sent no frames. Try again, or choose files instead.';
        return;
      }
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      window.skillmirrorUpload.add([new File([blob], 'camera-' + stamp + '.webm', { type: 'video/webm' })]);
      note.textContent = 'Recorded ' + seconds.toFixed(1) + ' s (' + Math.round(blob.size / 1024) + ' KB): added to the list.';
    };
    recorder.onerror = e => {
      failed = true;
      stream.getTracks().forEach(t => t.stop()); // the camera light goes off even if no stop event follows
      note.textContent = 'Recording failed: ' + (e.error ? e.error.message : 'unknown error') + '. Try again.';
    };
    recorder.start(500);
    startedAt = Date.now();
    stop.hidden = false;
    note.textContent = 'Recording…';
  });

  stop.addEventListener('click', () => {
    if (recorder && recorder.state !== 'inactive') recorder.stop();
  });
})();
