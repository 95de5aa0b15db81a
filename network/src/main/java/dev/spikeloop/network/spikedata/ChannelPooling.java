package dev.spikeloop.network.spikedata;

import java.util.ArrayList;
import java.util.List;

/**
 * Remaps a data set with more channels than the chip has inputs by pooling neighbouring channels:
 * channel {@code c} of {@code from} becomes channel {@code floor(c * to / from)}, so each of the
 * {@code to} new channels collects a contiguous block of {@code from / to} old ones (rounded; the
 * blocks differ in size by at most one). Spike times are kept, so several spikes may now share a
 * time on one channel. For SHD's 700 cochlea channels, ordered by place along the cochlea, this is
 * a coarser filter bank (700 -> 16: blocks of 43 or 44 channels).
 */
public final class ChannelPooling {
    private ChannelPooling() {
    }

    /** The new channel of old channel {@code c}. */
    public static int target(int c, int from, int to) {
        return (int) ((long) c * to / from);
    }

    /** {@code data} pooled to {@code to} channels ({@code 1 <= to <= data.channels()}). */
    public static SpikeTrainDataset pool(SpikeTrainDataset data, int to) {
        int from = data.channels();
        if (to < 1 || to > from) {
            throw new InvalidSpikeDataException("channel pooling: the target channel count must be in 1.." + from
                    + " (the data set has " + from + " channels), got " + to);
        }
        List<SpikeSample> out = new ArrayList<>(data.size());
        for (SpikeSample s : data.samples()) {
            int[] ch = new int[s.channels().length];
            for (int k = 0; k < ch.length; k++) {
                ch[k] = target(s.channels()[k], from, to);
            }
            out.add(s.withChannels(ch));
        }
        SpikeTrainDataset pooled = new SpikeTrainDataset(to, data.classNames(), out, data.attributes());
        return pooled.withAttribute("pooled_from_channels", Integer.toString(from));
    }
}
