using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TokenVersioning.Domain.Revocation;
using TokenVersioning.Infrastructure.Telemetry;

namespace TokenVersioning.Infrastructure.Revocation;

/// <summary>
/// The fast path over Redis pub/sub: each committed revocation is published on <see cref="RevocationPropagationOptions.Channel"/>,
/// and every node moves its cached state for that user forward when the message arrives. Pub/sub delivers at
/// most once, so this is a doorbell: a lost message is caught by the poll of the log. Publishing never holds up
/// the revoking call; a failed publish is retried until the poll would have caught it anyway.
/// </summary>
internal sealed class RedisRevocationChannel : BackgroundService, IRevocationPublisher, IFastChannel
{
    private readonly NodeRevocations _revocations;
    private readonly TimeProvider _time;
    private readonly RevocationPropagationOptions _options;
    private readonly ILogger<RedisRevocationChannel> _logger;

    private readonly Channel<Notice> _outbox = Channel.CreateUnbounded<Notice>(new UnboundedChannelOptions { SingleReader = true });
    private readonly RedisChannel _channel;
    private ConnectionMultiplexer? _redis;

    public RedisRevocationChannel(
        NodeRevocations revocations, TimeProvider time, IOptions<RevocationPropagationOptions> options, ILogger<RedisRevocationChannel> logger)
    {
        _revocations = revocations;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _channel = RedisChannel.Literal(_options.Channel);
        revocations.Attach(this);
    }

    public bool IsConnected => _redis?.IsConnected == true;

    /// <summary>
    /// The first attempt starts here, so the message is on its way before the revoking call answers; a notice that
    /// finds Redis away, or fails, goes to the outbox and is retried there.
    /// </summary>
    public void Publish(RevocationLogEntry entry)
    {
        var message = new RevocationMessage(entry.UserId, entry.TokenVersion, entry.At, entry.Event);
        var notice = new Notice(message.ToString(), _time.GetTimestamp());
        if (_redis is { IsConnected: true } redis) _ = FirstAttemptAsync(redis, notice);
        else _outbox.Writer.TryWrite(notice);
    }

    private async Task FirstAttemptAsync(ConnectionMultiplexer redis, Notice notice)
    {
        if (!await TryPublishAsync(redis, notice)) _outbox.Writer.TryWrite(notice);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = ConfigurationOptions.Parse(_options.Redis!);
        options.AbortOnConnectFail = false; // start without Redis and keep trying: the log keeps the node correct
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
        options.ReconnectRetryPolicy = new LinearRetry(1000);
        _redis = await ConnectionMultiplexer.ConnectAsync(options);
        await SubscribeAsync(stoppingToken);
        await foreach (var notice in _outbox.Reader.ReadAllAsync(stoppingToken)) await DeliverAsync(notice, stoppingToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_redis is null) return;
        try
        {
            await _redis.DisposeAsync();
        }
        catch (Exception e)
        {
            // Closing a connection that is already failing has thrown inside StackExchange.Redis (seen: a
            // NullReferenceException while Redis was restarting); stopping the node must not fail because of it.
            _logger.LogWarning("Closing the Redis connection failed: {Error}", e.GetType().Name);
        }
    }

    /// <summary>Subscribes once; StackExchange.Redis subscribes again by itself after every reconnection.</summary>
    private async Task SubscribeAsync(CancellationToken ct)
    {
        var subscriber = _redis!.GetSubscriber();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await subscriber.SubscribeAsync(_channel, (_, message) => Receive(message));
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                _logger.LogWarning("Subscribing to the Redis revocation channel failed ({Error}); retrying.", e.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(1), _time, ct);
            }
        }
    }

    private void Receive(RedisValue message)
    {
        using var span = TokenVersioningTraces.Source.StartActivity("RECEIVE", System.Diagnostics.ActivityKind.Consumer);
        span?.SetTag("db.system.name", "redis");
        if (RevocationMessage.Parse(message) is { } revocation) _revocations.Heard(revocation);
    }

    /// <summary>Publishes, retrying with a growing pause, while the notice is still news to the other nodes.</summary>
    private async Task DeliverAsync(Notice notice, CancellationToken ct)
    {
        var pause = TimeSpan.FromMilliseconds(50);
        while (_revocations.IsStillNews(notice.QueuedAt))
        {
            if (await TryPublishAsync(_redis!, notice)) return;
            await Task.Delay(pause, _time, ct);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
        }
    }

    private async Task<bool> TryPublishAsync(ConnectionMultiplexer redis, Notice notice)
    {
        using var span = TokenVersioningTraces.Source.StartActivity("PUBLISH", System.Diagnostics.ActivityKind.Client);
        span?.SetTag("db.system.name", "redis");
        span?.SetTag("db.operation.name", "PUBLISH");
        try
        {
            await redis.GetSubscriber().PublishAsync(_channel, notice.Message);
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.GetType().Name);
            _logger.LogDebug("Publishing a revocation to Redis failed ({Error}); retrying.", e.GetType().Name);
            return false;
        }
    }

    private readonly record struct Notice(string Message, long QueuedAt);
}
