"""Attribution: turn extracted quote spans into quotes with speaker, role, type and date."""

from __future__ import annotations

from quotes.attribute.speaker import Speaker, resolve_speakers
from quotes.attribute.voice import is_outlet_voice, own_names
from quotes.attribute.when import QuoteWhen, resolve_said_on
from quotes.types import Article, ParsedDoc, Quote, QuoteSpan


def attribute(article: Article, doc: ParsedDoc, spans: list[QuoteSpan]) -> list[Quote]:
    speakers = resolve_speakers(doc, spans)
    whens = resolve_said_on(doc.text, article.published_at, [
        QuoteWhen(sentence_start=doc.sentences[q.sentence].start if doc.sentences else q.content.start,
                  sentence_end=doc.sentences[q.sentence].end if doc.sentences else q.content.end,
                  content_start=q.content.start, content_end=q.content.end,
                  speaker_key=s.key or s.name)
        for q, s in zip(spans, speakers)])
    quotes = []
    own = own_names(article)
    for q, spk, when in zip(spans, speakers, whens):
        if is_outlet_voice(own, q.type, spk.name):
            continue  # "Wikinews has learned that ...": the narrator, not a source (attribute.voice)
        quotes.append(Quote(
            article_id=article.article_id, type=q.type, text=q.content.text,
            start=q.content.start, end=q.content.end, sentence=q.sentence,
            cue=q.cue.text if q.cue else None, cue_start=q.cue.start if q.cue else None,
            cue_end=q.cue.end if q.cue else None,
            speaker=spk.name, speaker_mention=q.mention.text if q.mention else None,
            speaker_start=q.mention.start if q.mention else None,
            speaker_end=q.mention.end if q.mention else None,
            speaker_type=spk.type, role=spk.role, via=q.via.text if q.via else None,
            said_on=when.date, said_on_precision=when.precision, said_on_source=when.source,
            confidence=round(min(q.confidence, 0.5 + spk.confidence / 2) if spk.name else q.confidence * 0.5, 3),
            speaker_key=spk.key,
            parts=tuple((p.start, p.end) for p in q.parts) or ((q.content.start, q.content.end),),
            rule=q.rules, speaker_rule=speaker_rule(q, spk)))
    return quotes


def speaker_rule(q: QuoteSpan, spk: Speaker) -> str | None:
    """How the quote's speaker was found: the rule that found the mention in the text, then the
    one that resolved it to a name ("speaker.subject > speaker.pronoun.recent-speaker")."""
    if not spk.name:
        return None
    return " > ".join(r for r in (q.speaker_rule, spk.rule) if r) or None
