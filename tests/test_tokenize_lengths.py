"""The tokenizer packs each paragraph at its own length (quotes.nlp.tokenize_lengths)."""

from __future__ import annotations

from stanza.models.common.doc import Document

from quotes.nlp import tokenize_lengths

SHORT = ("The governor said on Tuesday that the bridge would reopen in May. \"We are not going to "
         "cut corners,\" she told reporters at 5 p.m. in Albany, N.Y.")
OTHER = "Officials in Washington, D.C., declined to comment. The mayor's office said it would wait."
# One paragraph over the tokenizer's 1,000-character window: Stanza predicts it window by window.
LONG = " ".join(
    f"Inspectors visited site {n} on Monday, and the agency's spokesman, Mr. Ortiz, said the "
    f"findings would be published by the U.S. Department of Transportation." for n in range(12))


def _tokens(pipe, paragraphs: list[str], *articles: list[str]) -> list:
    """Tokens (text and offsets) and sentence ends of each article, tokenized in one call."""
    tok = pipe.processors["tokenize"]
    docs = tok.bulk_process([Document([], text="\n\n".join(a)) for a in (paragraphs, *articles)])
    return [[[(t.text, t.start_char, t.end_char) for t in s.tokens] for s in d.sentences]
            for d in docs]


def test_real_length_stops_at_the_first_pad():
    assert tokenize_lengths.real_length(list("abc") + ["<PAD>"] * 4) == 3
    assert tokenize_lengths.real_length(list("abc")) == 3
    assert tokenize_lengths.real_length(["<PAD>"]) == 0


def test_the_pipeline_tokenizer_is_installed(nlp):
    pipe, _ = nlp
    assert isinstance(vars(pipe.processors["tokenize"].trainer).get("predict"),
                      tokenize_lengths._Predict)
    assert not tokenize_lengths.install(pipe)  # once only


def test_tokens_do_not_depend_on_a_long_paragraph_in_the_batch(nlp):
    pipe, _ = nlp
    assert len(LONG) > 1000
    alone = _tokens(pipe, [SHORT, OTHER])[0]
    with_long = _tokens(pipe, [SHORT, OTHER], [LONG, SHORT])
    assert with_long[0] == alone
    words = [t[0] for s in alone for t in s]
    assert "p.m." in words and "D.C." in words and words.count("\"") == 2
    # the long paragraph is tokenized whole: every sentence is there
    long_sentences = [s for s in with_long[1] if s[0][1] < len(LONG)]
    assert len(long_sentences) == 12 and long_sentences[-1][-1][2] == len(LONG)


def test_same_tokens_as_stanza_when_every_paragraph_fits_a_window(nlp):
    pipe, _ = nlp
    ours = _tokens(pipe, [SHORT, OTHER], [OTHER, SHORT])
    tokenize_lengths.uninstall(pipe)
    try:
        stanzas = _tokens(pipe, [SHORT, OTHER], [OTHER, SHORT])
    finally:
        assert tokenize_lengths.install(pipe)
    assert ours == stanzas


def test_the_model_reads_each_row_once_and_no_finished_rows(nlp):
    """With a long paragraph in the batch, Stanza re-ran the finished short rows as padding in
    every window; packed at their own lengths the model reads about the text's length."""
    pipe, _ = nlp
    model = pipe.processors["tokenize"].trainer.model
    read = []
    forward = model.forward

    def spy(x, feats, lengths, raw=None):
        read.append(sum(lengths))
        return forward(x, feats, lengths, raw)

    model.forward = spy
    try:
        _tokens(pipe, [LONG] + [OTHER] * 20)
    finally:
        del model.forward
    text = len(LONG) + 20 * len(OTHER)
    assert len(read) >= 2  # more than one window
    # the long row's windows overlap at their last sentence break: under 1.5x the text, where
    # re-running 20 finished rows for each later window cost several times it
    assert text < sum(read) < 1.5 * text
