// A drop zone and its file input, wired alike for every panel that takes files (the usage import,
// the optimiser's power-tuning output): the files chosen or dropped go to one callback, and the
// zone is marked while something is dragged over it.
(function () {
    "use strict";

    /// `onFiles(files)` gets an array of File (empty when nothing was chosen). `isolate`: the
    /// input's own input/change events do not reach the page's form (the files are an input once
    /// read, not when chosen).
    function wire(zone, input, onFiles, { isolate = false } = {}) {
        if (isolate) for (const type of ["input", "change"]) input.addEventListener(type, (e) => e.stopPropagation());
        input.addEventListener("change", () => onFiles(input.files ? [...input.files] : []));
        zone.addEventListener("dragover", (e) => {
            e.preventDefault();
            zone.classList.add("dragging");
        });
        zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
        zone.addEventListener("drop", (e) => {
            e.preventDefault();
            zone.classList.remove("dragging");
            onFiles(e.dataTransfer && e.dataTransfer.files ? [...e.dataTransfer.files] : []);
        });
    }

    window.CostsimDropZone = { wire: wire };
})();
