// Check-in at the door: scan the ticket's QR code with the phone's camera where the browser
// has BarcodeDetector, fill the code field and submit the form. Without it (or without JS) the
// field and the name search work as before.
(function () {
  "use strict";

  var form = document.querySelector("[data-checkin-scan]");
  if (!form) {
    return;
  }
  var input = form.querySelector("input[name=token]");
  var result = document.getElementById("checkin-result");

  // After a check-in (a new page), move the focus to the result so screen readers read it
  // at once; Tab leads on to the code field for the next person.
  var box = result && result.querySelector("[data-level]");
  if (box) {
    box.setAttribute("tabindex", "-1");
    box.focus();
  }

  var camera = form.querySelector("[data-checkin-camera]");
  if (!camera || !("BarcodeDetector" in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return;
  }
  var startButton = camera.querySelector("[data-checkin-camera-start]");
  var stopButton = camera.querySelector("[data-checkin-camera-stop]");
  var video = camera.querySelector("[data-checkin-video]");
  var detector;
  var stream = null;
  var scanning = false;

  try {
    detector = new window.BarcodeDetector({ formats: ["qr_code"] });
  } catch (error) {
    return;
  }
  camera.hidden = false;

  function stop() {
    scanning = false;
    if (stream) {
      stream.getTracks().forEach(function (track) {
        track.stop();
      });
      stream = null;
    }
    video.hidden = true;
    stopButton.hidden = true;
    startButton.hidden = false;
    startButton.focus();
  }

  function scan() {
    if (!scanning) {
      return;
    }
    detector
      .detect(video)
      .then(function (codes) {
        if (codes.length && codes[0].rawValue) {
          input.value = codes[0].rawValue;
          scanning = false;
          if (stream) {
            stream.getTracks().forEach(function (track) {
              track.stop();
            });
          }
          form.submit();
          return;
        }
        window.requestAnimationFrame(scan);
      })
      .catch(function () {
        window.setTimeout(scan, 250);
      });
  }

  startButton.addEventListener("click", function () {
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (mediaStream) {
        stream = mediaStream;
        video.srcObject = mediaStream;
        video.hidden = false;
        startButton.hidden = true;
        stopButton.hidden = false;
        stopButton.focus();
        return video.play();
      })
      .then(function () {
        scanning = true;
        scan();
      })
      .catch(function () {
        stop();
        input.focus();
      });
  });
  stopButton.addEventListener("click", stop);
})();
