"""Sentence stance toward the Russia–DPRK partnership and toward the US and its allies.

Sub-modules, one job each:

- :mod:`framing.stance.features`   features of a sentence (embedding, lexicon counts, voice, context)
- :mod:`framing.stance.models`     the models (lexicon baseline, zero-shot, logistic regression variants)
- :mod:`framing.stance.data`       the data sets (seed gold, dev gold, written training sentences)
- :mod:`framing.stance.evaluation` protocol v2 (outlet-grouped CV over seeds + dev), metrics, article level
- :mod:`framing.stance.variants`   the candidate variants compared under protocol v2, and the choice rule
- :mod:`framing.stance.saved`      the saved model: training, saving, loading, hash and probe checks
- :mod:`framing.stance.card`       the model card, generated from the metadata
"""

from framing.stance.evaluation import confusion, expected_calibration_error, loo_outlet, metrics, protocol_v2, report_v2  # noqa: F401
from framing.stance.features import FeatureSpec, add_context, lexicon_features  # noqa: F401
from framing.stance.models import EmbeddingLR, LexiconBaseline, StanceLR, ZeroShot  # noqa: F401
from framing.stance.saved import MODEL_DIR, ModelIntegrityError, SavedStanceModel, load_model, train_final, verify_probe  # noqa: F401
