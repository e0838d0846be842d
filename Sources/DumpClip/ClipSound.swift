import DumpEngine
import DumpRender
import DumpVideo

/// The sound track of a dust clip: `DustSound` following the painter's own simulation, in the
/// form the encoders take.
public enum ClipSound {
    /// The whole sound of `painter`'s clip (same seed as its frames, so the same bytes each time).
    public static func track(for painter: DustPainter) -> AudioTrack {
        let options = painter.options
        let sound = DustSound(seed: options.seed, fps: options.fps, frameCount: options.frameCount)
        return AudioTrack(
            sampleRate: DustSound.sampleRate, channels: DustSound.channels,
            samples: sound.render(activity: painter.makeSimulation().activity()))
    }
}
