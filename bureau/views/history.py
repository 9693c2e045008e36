from django.apps import apps
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from .. import selectors
from ..permissions import bureau_required


@bureau_required
def history(request, app_label, model_name, object_id):
    """The audit trail of one record: who changed what, and when."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    if not selectors.is_audited(model):
        raise Http404
    obj = get_object_or_404(model, pk=object_id)
    return render(
        request,
        "bureau/history.html",
        {"object": obj, "model_name": model._meta.verbose_name, "events": selectors.audit_events(obj)},
    )

