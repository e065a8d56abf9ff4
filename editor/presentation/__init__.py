"""The projector: a presentation window on a second screen, the presenter view, a stage-by-stage tour.

`Presentation` (controller.py) is what the editor window and a workshop run
talk to; its docstring is the interface.
"""

from .controller import Presentation

__all__ = ["Presentation"]
