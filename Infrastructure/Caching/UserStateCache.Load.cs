namespace TokenVersioning.Infrastructure.Caching;

public sealed partial class UserStateCache
{
    /// <summary>One database read in flight for one user.</summary>
    private sealed class Load(UserStateCache owner, Guid userId)
    {
        private readonly Lock _gate = new();
        private Task<UserState>? _task;
        private volatile bool _invalidated;

        public bool IsInvalidated => _invalidated;

        public Task<UserState> Task
        {
            get
            {
                if (_task is not null) return _task;
                lock (_gate) return _task ??= RunAsync();
            }
        }

        public void Invalidate()
        {
            lock (_gate) _invalidated = true;
        }

        private async Task<UserState> RunAsync()
        {
            await System.Threading.Tasks.Task.Yield();
            try
            {
                // Not the caller's token: other requests wait on this read too.
                var state = await owner._source.LoadAsync(userId, CancellationToken.None);
                owner._metrics?.CacheRead("load");
                lock (_gate)
                {
                    if (!_invalidated) owner.Store(state);
                }

                return state;
            }
            finally
            {
                owner._loads.TryRemove(KeyValuePair.Create(userId, this));
            }
        }
    }
}
