# Writes the NPY/NPZ fixtures of NpyTest with NumPy itself (python3 make_fixtures.py in this
# directory). The tests do not need Python; the files are committed. Values follow simple formulas
# that the tests recompute.
import numpy as np

def save(name, a):
    np.save(name, a, allow_pickle=False)

save("int8.npy", (np.arange(6) - 3).astype("i1").reshape(2, 3))
save("uint8.npy", (np.arange(6) * 50).astype("u1"))
save("int16.npy", (np.arange(6) * 13000 - 32768).astype("<i2"))
save("uint16.npy", (np.arange(6) * 13000).astype("<u2"))
save("int32-big-endian.npy", (np.arange(6) * 1000003 - 2000000).astype(">i4").reshape(3, 2))
save("uint32.npy", (np.arange(4) * 1000000000).astype("<u4"))
save("int64.npy", (np.arange(4) * 3000000000 - 5000000000).astype("<i8"))
save("uint64.npy", (np.arange(4) * 7).astype("<u8"))
save("float32.npy", (np.arange(5) * 0.25 - 0.5).astype("<f4"))
save("float64.npy", (np.arange(5) / 3.0).astype("<f8"))
save("bool.npy", np.array([True, False, True]))
save("fortran-int16.npy", np.asfortranarray((np.arange(6) * 7).astype("<i2").reshape(2, 3)))
save("scalar-float64.npy", np.float64(0.00032))
save("scalar-int64.npy", np.int64(-7))
save("empty.npy", np.zeros((0, 4), dtype="i1"))
save("three-d.npy", (np.arange(12) - 6).astype("i1").reshape(2, 3, 2))
save("unicode.npy", np.array(["a", "bc"]))
save("complex.npy", np.array([1 + 2j]))
np.save("object.npy", np.array([[1], [2, 3]], dtype=object), allow_pickle=True)
np.savez("stored.npz", a=(np.arange(4) - 2).astype("i1"), b=np.float64(1.5))
np.savez_compressed("compressed.npz", a=(np.arange(4) - 2).astype("i1"), b=np.float64(1.5))
