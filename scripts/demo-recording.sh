#!/usr/bin/env bash
# Makes the demo's recording of the La Razón source: each passage the report
# quotes, spoken by espeak-ng (Latin American Spanish) phrase by phrase (the
# phrases end at its commas), with pauses between them, encoded as Ogg/Opus
# at a speech bitrate, and its WebVTT captions, one cue per phrase, timed
# from the spoken lengths. The voice is a speech synthesizer's, not
# the president's: the demo needs a recording to play, not her voice.
#
#   scripts/demo-recording.sh        # writes internal/demo/larazon.ogg and .vtt
#
# Needs espeak-ng, sox and ffmpeg (with libopus).
set -euo pipefail
cd "$(dirname "$0")/.."
out=internal/demo
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The passages: the paragraphs of the source's text in demo.json.
python3 - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
src = next(s for s in json.load(open("internal/demo/demo.json"))["sources"] if s["key"] == "larazon")
for i, p in enumerate(src["text"].split("\n\n")):
    phrases = [x + "," for x in p.strip().split(", ")]
    phrases[-1] = phrases[-1][:-1]
    for j, x in enumerate(phrases):
        # A phrase that opens a passage is marked so in its file name.
        open(f"{tmp}/p{i:02d}-{j:02d}{'-open' if j == 0 else ''}.txt", "w").write(x)
PY

lead=0.4   # silence before the first passage
gap=0.7    # silence between passages
comma=0.2  # silence between the phrases of a passage
sox -n -r 16000 -c 1 "$tmp/lead.wav" trim 0 "$lead"
sox -n -r 16000 -c 1 "$tmp/gap.wav" trim 0 "$gap"
sox -n -r 16000 -c 1 "$tmp/comma.wav" trim 0 "$comma"
parts=("$tmp/lead.wav")
cues="$tmp/cues.tsv"
: >"$cues"
t=$lead
files=("$tmp"/p*.txt)
for k in "${!files[@]}"; do
  f=${files[$k]}
  espeak-ng -v es-419+f3 -s 150 -w "$tmp/raw.wav" -f "$f"
  sox "$tmp/raw.wav" -r 16000 -c 1 "${f%.txt}.wav"
  d=$(soxi -D "${f%.txt}.wav")
  end=$(python3 -c "print(round($t + $d, 3))")
  printf '%s\t%s\t%s\n' "$t" "$end" "$f" >>"$cues"
  pause=$gap
  next=${files[$((k + 1))]:-}
  if [ -n "$next" ] && [[ "$next" != *-open.txt ]]; then pause=$comma; fi
  parts+=("${f%.txt}.wav" "$tmp/$([ "$pause" = "$gap" ] && echo gap || echo comma).wav")
  t=$(python3 -c "print(round($end + $pause, 3))")
done
sox "${parts[@]}" "$tmp/all.wav"
ffmpeg -hide_banner -loglevel error -y -i "$tmp/all.wav" -map_metadata -1 -fflags +bitexact \
  -c:a libopus -b:a 20k -ac 1 -application voip "$out/larazon.ogg"

# The captions: one cue per phrase; ">>" opens each passage as an excerpt
# of its own, so the text built from them is the source's text, paragraph
# for paragraph.
python3 - "$cues" "$out/larazon.vtt" <<'PY'
import sys
def clock(s):
    ms = round(float(s) * 1000)
    return "%02d:%02d:%02d.%03d" % (ms // 3600000, ms // 60000 % 60, ms // 1000 % 60, ms % 1000)
lines = ["WEBVTT", "",
         "NOTE Synthesized speech (espeak-ng) of the passages La Razón quotes, for the",
         "Cotejo demo; made by scripts/demo-recording.sh. Not the president's voice.", ""]
for n, row in enumerate(open(sys.argv[1]).read().splitlines(), 1):
    start, end, path = row.split("\t")
    text = open(path).read().strip()
    if path.endswith("-open.txt"):
        text = ">> " + text
    lines += [str(n), clock(start) + " --> " + clock(end), text, ""]
open(sys.argv[2], "w").write("\n".join(lines))
PY
ls -l "$out/larazon.ogg" "$out/larazon.vtt"
