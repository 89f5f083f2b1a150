// Check-in at the door: scan the ticket's QR code with the phone's camera, fill the code field
// and submit the form. The browser's own BarcodeDetector is used where it exists; elsewhere (iOS
// Safari) the jsQR decoder (npm "jsqr", served from our static files) is loaded on demand and
// reads frames drawn onto a canvas. Without a camera or JavaScript, the code field and the name
// search work as before. The count of people checked in is refreshed every few seconds.
(function () {
  "use strict";

  var POLL_MS = 10000;
  var MAX_SIDE = 640; // frames are scaled down before jsQR reads them: fast enough on a phone

  var form = document.querySelector("[data-checkin-scan]");
  var result = document.getElementById("checkin-result");

  // After a check-in (a new page), move the focus to the result so screen readers read it
  // at once; Tab leads on to the code field for the next person.
  var box = result && result.querySelector("[data-level]");
  if (box) {
    box.setAttribute("tabindex", "-1");
    box.focus();
  }

  // The live count: ask the server, which knows about every phone at the door.
  var count = document.querySelector("[data-checkin-count-url]");
  if (count && window.fetch) {
    var checkedIn = count.querySelector("[data-checkin-count]");
    var expected = count.querySelector("[data-checkin-expected]");
    var refresh = function () {
      window
        .fetch(count.getAttribute("data-checkin-count-url"), {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (data) {
          if (data) {
            checkedIn.textContent = data.checked_in;
            expected.textContent = data.expected;
          }
        })
        .catch(function () {});
    };
    window.setInterval(function () {
      if (!document.hidden) {
        refresh();
      }
    }, POLL_MS);
  }

  if (!form) {
    return;
  }
  var input = form.querySelector("input[name=token]");
  var camera = form.querySelector("[data-checkin-camera]");
  if (!camera || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return;
  }
  var startButton = camera.querySelector("[data-checkin-camera-start]");
  var stopButton = camera.querySelector("[data-checkin-camera-stop]");
  var video = camera.querySelector("[data-checkin-video]");
  var stream = null;
  var scanning = false;
  var detect; // function (video) → Promise of the code's text, or "" when none is seen

  function useBarcodeDetector() {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    detect = function () {
      return detector.detect(video).then(function (codes) {
        return codes.length && codes[0].rawValue ? codes[0].rawValue : "";
      });
    };
    camera.setAttribute("data-decoder", "barcodedetector");
  }

  function useJsQR() {
    var canvas = document.createElement("canvas");
    var context = canvas.getContext("2d", { willReadFrequently: true });
    detect = function () {
      var scale = Math.min(1, MAX_SIDE / Math.max(video.videoWidth || 1, video.videoHeight || 1));
      canvas.width = Math.round((video.videoWidth || 0) * scale);
      canvas.height = Math.round((video.videoHeight || 0) * scale);
      if (!canvas.width || !canvas.height) {
        return Promise.resolve("");
      }
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var frame = context.getImageData(0, 0, canvas.width, canvas.height);
      var code = window.jsQR(frame.data, frame.width, frame.height, { inversionAttempts: "dontInvert" });
      return Promise.resolve(code && code.data ? code.data : "");
    };
    camera.setAttribute("data-decoder", "jsqr");
  }

  function ready() {
    camera.hidden = false;
  }

  if ("BarcodeDetector" in window) {
    try {
      useBarcodeDetector();
      ready();
    } catch (error) {
      detect = null;
    }
  }
  if (!detect) {
    // Load the decoder only on browsers that need it.
    var script = document.createElement("script");
    script.src = camera.getAttribute("data-jsqr-src");
    script.async = true;
    script.addEventListener("load", function () {
      if (typeof window.jsQR === "function") {
        useJsQR();
        ready();
      }
    });
    document.head.appendChild(script);
  }

  function releaseCamera() {
    if (stream) {
      stream.getTracks().forEach(function (track) {
        track.stop();
      });
      stream = null;
    }
  }

  function stop() {
    scanning = false;
    releaseCamera();
    video.hidden = true;
    stopButton.hidden = true;
    startButton.hidden = false;
    startButton.focus();
  }

  function scan() {
    if (!scanning) {
      return;
    }
    detect(video)
      .then(function (text) {
        if (text) {
          input.value = text;
          scanning = false;
          releaseCamera();
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
