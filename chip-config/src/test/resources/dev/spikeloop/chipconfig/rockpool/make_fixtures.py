# Writes the Rockpool specifications of RockpoolInteropTest with NumPy (python3 make_fixtures.py in
# this directory), with the array names of Rockpool's mappers / config_from_specification. The
# tests recompute the values from the same formulas and do not need Python.
import numpy as np

I, H, O = 3, 5, 2
w_in = np.array([[[((i * H + h) * 2 + s) % 7 - 3 for s in range(2)] for h in range(H)] for i in range(I)], float)
w_rec = np.array([[[0 if j == h else ((j * H + h) * 2 + s) % 5 - 2 for s in range(2)] for h in range(H)]
                  for j in range(H)], float)
w_out = np.array([[(h * O + o) % 9 - 4 for o in range(O)] for h in range(H)], float)
# As Rockpool's Xylo Audio 2 mapper returns it (float dtype by default, 'bias' for the hidden biases).
np.savez("mapper-audio2.npz", weights_in=w_in, weights_out=w_out, weights_rec=w_rec,
         dash_mem=np.arange(1, H + 1, dtype=float), dash_mem_out=np.array([4.0, 5.0]),
         dash_syn=np.arange(H, dtype=float) + 2, dash_syn_2=np.arange(H, dtype=float) + 6,
         dash_syn_out=np.array([2.0, 3.0]), threshold=100.0 * np.arange(1, H + 1),
         threshold_out=np.array([1000.0, 2000.0]), bias=np.arange(H, dtype=float) - 1,
         bias_out=np.array([5.0, -5.0]), weight_shift_in=2, weight_shift_rec=3, weight_shift_out=4, dt=0.00032)

# Audio 3 style: integer dtypes, one synapse kept as an axis, input expansion neurons (first 3 of
# 6) and output expansion neurons (last 2 of 6), one alias per neuron with -1 for none.
H3 = 6
np.savez("integer-audio3.npz",
         weights_in=np.array([[[i * 3 + n + 1] for n in range(3)] for i in range(2)], np.int8),
         weights_rec=np.array([[[1 if h == (j + 1) % H3 else 0] for h in range(H3)] for j in range(H3)], np.int8),
         weights_out=np.array([[-(r * 4 + o + 1) for o in range(4)] for r in range(2)], np.int8),
         dash_mem=np.full(H3, 3, np.uint8), dash_mem_out=np.full(4, 2, np.uint8),
         dash_syn=np.full(H3, 4, np.uint8), dash_syn_2=np.zeros(H3, np.uint8), dash_syn_out=np.full(4, 1, np.uint8),
         threshold=np.full(H3, 500, np.int16), threshold_out=np.full(4, 600, np.int16),
         weight_shift_in=np.int64(1), weight_shift_rec=np.int64(0), weight_shift_out=np.int64(7),
         aliases=np.array([[-1], [4], [-1], [-1], [-1], [0]]), dt=np.float64(0.001))

# Every kind of mistake at once: a missing array, a typo, wrong shapes, fractions and booleans.
np.savez("bad.npz", weights_in=w_in, weights_out=w_out.reshape(H, O, 1), weights_rec=w_rec,
         dash_mem=np.arange(H, dtype=float) + 0.5, dash_mem_out=np.array([4.0, 5.0]),
         dash_syn=np.ones(H, bool), dash_syn_2=np.zeros(H), dash_syn_out=np.array([2.0, 3.0]),
         threshold_out=np.array([1000.0, 2000.0]), bias_hiden=np.zeros(H),
         weight_shift_in=2, weight_shift_rec=3, weight_shift_out=4, dt=np.array([0.001, 0.002]))

# Arrays NumPy can write but a chip configuration cannot hold: strings and complex numbers.
np.savez("unreadable.npz", weights_in=w_in, dash_mem=np.array(["a"] * H), threshold=np.ones(H, complex))
