// Who the athlete is: a click on a video's thumbnail sends the point (0..1 from the top left) to the portal.
// Before the analysis started it is stored; afterwards the portal analyses the video again and says where.
(function () {
  const say = (text) => {
    const li = document.createElement('li');
    li.textContent = text;
    document.getElementById('athlete-point-feedback').appendChild(li);
  };
  document.querySelectorAll('img.athlete-thumb').forEach((img) => {
    const marker = img.parentElement.querySelector('.athlete-marker');
    const show = (point) => {
      if (!point) { marker.hidden = true; return; }
      const [x, y] = point.split(',').map(Number);
      marker.style.left = (x * 100) + '%';
      marker.style.top = (y * 100) + '%';
      marker.hidden = false;
    };
    show(img.dataset.point);
    img.addEventListener('click', async (e) => {
      const rect = img.getBoundingClientRect();
      const x = Math.min(1, Math.max(0, (e.clientX - rect.left) / rect.width)).toFixed(3);
      const y = Math.min(1, Math.max(0, (e.clientY - rect.top) / rect.height)).toFixed(3);
      try {
        const body = await portal.json(img.dataset.pointUrl, {
          method: 'PUT',
          headers: Object.assign({ 'Content-Type': 'application/json' }, portal.csrfHeaders()),
          body: JSON.stringify({ athletePoint: x + ',' + y })
        });
        show(body.athletePoint);
        say('Athlete point ' + body.athletePoint + ' for ' + img.alt + ': ' + body.action
            + (body.reanalysis ? ' (new analysis: ' + body.reanalysis.statusUrl + ')' : ''));
      } catch (err) {
        say('Athlete point for ' + img.alt + ' not set: ' + err.message);
      }
    });
  });
})();
