# Loaded by the Python that runs moto_server (MotoServer puts this folder on its PYTHONPATH).
#
# DynamoDB applies a conditional write atomically per item. Moto's server answers each request on a thread of its
# own and checks a write's condition, then writes, without a lock: two concurrent writes to one item can both pass
# their conditions and the later silently overwrites the earlier, a lost update no real table produces. The
# projector's concurrency rests on that atomicity (docs/DESIGN.md §5), so moto's DynamoDB writes run one at a time.
import functools
import threading

try:
    from moto.dynamodb.models import DynamoDBBackend
except ImportError:  # another Python on the path, or no moto: nothing to patch
    DynamoDBBackend = None

if DynamoDBBackend is not None:
    _writes = threading.RLock()

    def _one_at_a_time(method):
        @functools.wraps(method)
        def write(*args, **kwargs):
            with _writes:
                return method(*args, **kwargs)
        return write

    for _name in ("put_item", "update_item", "delete_item", "batch_write_item", "transact_write_items"):
        setattr(DynamoDBBackend, _name, _one_at_a_time(getattr(DynamoDBBackend, _name)))
