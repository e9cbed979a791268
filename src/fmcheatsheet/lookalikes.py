"""Letters of other scripts that look like Latin ones, for spotting disguised duplicate names.

"АfriSpeech-200" with a Cyrillic А reads as "AfriSpeech-200" but is another string;
name folding maps each look-alike to the Latin letter it imitates. Compatibility
forms (fullwidth, mathematical, circled letters, ligatures) are handled by NFKD
before this table applies; the suggestion form receives the table from the build.
"""

from __future__ import annotations

# Pairs of characters: a look-alike, then the Latin letter it is read as.
_PAIRS = (
    # Cyrillic
    "аaвbеeһhіiјjкkмmнhоoрpсcтtуyхxѕsԁdԛqԝwӏlьb"
    "АAВBЕEЅSІIЈJКKМMНHОOРPСCТTУYХXԚQԜWӀIҮYһhԌGԐEҺh"
    # Greek
    "ΑAΒBΕEΖZΗHΙIΚKΜMΝNΟOΡPΤTΥYΧXαaβbιiκkνvοoρpτtυuχxϳj"
    # Armenian
    "օoսuհhոnզqցgՕOՍSԼLԵE"
    # Latin letters that lose their dot or hook only to the eye
    "ıiȷjɡgɑaɩiʏyꞮI"
)
LOOKALIKES: dict[str, str] = {_PAIRS[i]: _PAIRS[i + 1] for i in range(0, len(_PAIRS), 2)}
TRANSLATION = str.maketrans(LOOKALIKES)
