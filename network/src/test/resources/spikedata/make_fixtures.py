"""Writes the HDF5 fixtures of the spike data set tests with h5py (run once; the tests need no Python).

    python3 make_fixtures.py

shd-small.h5      the Heidelberg SHD/SSC layout as published: spikes/times and spikes/units are
                  variable-length arrays (float32 seconds, uint16 channel), labels uint16,
                  extra/keys (class names), extra/speaker, extra/meta_info/...; 700 channels.
shd-float16.h5    the same data with float16 times (some SHD copies store half precision).
flat-small.h5     Spikeloop's flat layout written by h5py (spikes/offsets), to prove the reader does
                  not depend on files written by Spikeloop itself.
The values are listed in SpikeDatasetHdf5Test; change both together.
"""
import h5py
import numpy as np

TIMES = [
    [0.0012, 0.0012, 0.0305, 0.5, 0.731],
    [],
    [0.1, 0.2, 0.25],
]
UNITS = [
    [0, 699, 350, 43, 44],
    [],
    [10, 10, 699],
]
LABELS = [3, 0, 19]
SPEAKERS = [1, 4, 2]
KEYS = [f"class-{k}" for k in range(20)]


def shd(path, time_type):
    with h5py.File(path, "w") as f:
        spikes = f.create_group("spikes")
        t = spikes.create_dataset("times", (len(TIMES),), dtype=h5py.vlen_dtype(time_type))
        u = spikes.create_dataset("units", (len(UNITS),), dtype=h5py.vlen_dtype(np.uint16))
        for i, (ti, ui) in enumerate(zip(TIMES, UNITS)):
            t[i] = np.array(ti, dtype=time_type)
            u[i] = np.array(ui, dtype=np.uint16)
        f.create_dataset("labels", data=np.array(LABELS, dtype=np.uint16))
        extra = f.create_group("extra")
        extra.create_dataset("keys", data=np.array([k.encode() for k in KEYS]))
        extra.create_dataset("speaker", data=np.array(SPEAKERS, dtype=np.uint16))
        meta = extra.create_group("meta_info")
        meta.create_dataset("gender", data=np.array([b"female", b"male"]))
        meta.create_dataset("age", data=np.array([25, 30], dtype=np.uint16))


def flat(path):
    times = np.concatenate([np.array(t, dtype=np.float64) for t in TIMES])
    units = np.concatenate([np.array(u, dtype=np.int32) for u in UNITS])
    offsets = np.cumsum([0] + [len(t) for t in TIMES]).astype(np.int64)
    with h5py.File(path, "w") as f:
        f.attrs["format"] = "spikeloop-spikes"
        f.attrs["version"] = 1
        f.attrs["channels"] = 700
        spikes = f.create_group("spikes")
        spikes.create_dataset("times", data=times)
        spikes.create_dataset("units", data=units)
        spikes.create_dataset("offsets", data=offsets)
        f.create_dataset("labels", data=np.array(LABELS, dtype=np.int32))
        extra = f.create_group("extra")
        extra.create_dataset("keys", data=np.array([k.encode() for k in KEYS]))
        extra.create_dataset("speaker", data=np.array([b"alice", b"bob", b"carol"]))
        extra.create_dataset("source", data=np.array([b"a.wav", b"b.wav", b"c.wav"]))


shd("shd-small.h5", np.float32)
shd("shd-float16.h5", np.float16)
flat("flat-small.h5")
