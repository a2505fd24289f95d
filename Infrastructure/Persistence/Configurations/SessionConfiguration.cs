using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TokenVersioning.Domain.Sessions;
using TokenVersioning.Domain.Users;

namespace TokenVersioning.Infrastructure.Persistence.Configurations;

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.ToTable("Sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.DeviceName).HasMaxLength(Session.DeviceNameMaxLength);
        builder.Property(s => s.EndReason).HasMaxLength(40);
        builder.Property(s => s.UserAgent).HasMaxLength(Session.UserAgentMaxLength);
        builder.Property(s => s.Device).HasMaxLength(DeviceDescription.MaxLength);
        builder.Property(s => s.CreatedFrom).HasMaxLength(Session.AddressMaxLength);
        builder.Property(s => s.LastUsedFrom).HasMaxLength(Session.AddressMaxLength);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.UserId, s.EndedAt });
    }
}
