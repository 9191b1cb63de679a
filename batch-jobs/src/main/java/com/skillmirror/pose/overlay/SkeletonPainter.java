package com.skillmirror.pose.overlay;

import com.skillmirror.kinematics.BodyLandmark;
import com.skillmirror.kinematics.Kinematics;
import com.skillmirror.kinematics.Skeleton;
import com.skillmirror.landmarks.Landmark;
import com.skillmirror.landmarks.PersonPose;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Draws people's skeletons onto an image. Left side orange, right side blue (the person's sides, as BlazePose names
 * them), the midline (shoulder and hip lines, mouth) white. A landmark at least {@link #SOLID_VISIBILITY} visible is
 * drawn solid, one down to {@link #MIN_VISIBILITY} faint (BlazePose guesses hidden limbs; the viewer should see it is
 * a guess), one below that not at all; a bone is as faint as its less visible end.
 */
final class SkeletonPainter {

    static final Color LEFT = new Color(255, 140, 0);
    static final Color RIGHT = new Color(0, 170, 255);
    static final Color CENTRE = new Color(235, 235, 235);
    private static final Color OUTLINE = new Color(20, 20, 20);

    /** The kinematics' threshold: what is solid here is what the angles use. */
    static final double SOLID_VISIBILITY = Kinematics.DEFAULT_MIN_VISIBILITY;
    static final double MIN_VISIBILITY = 0.2;
    private static final float FAINT_ALPHA = 0.35f;

    private SkeletonPainter() {
    }

    /** Bone width in pixels for an image of this size: visible on a phone screen, thin enough not to hide the limb. */
    static float lineWidth(int width, int height) {
        return Math.max(2f, Math.min(width, height) / 180f);
    }

    /** Joint radius in pixels. */
    static float jointRadius(int width, int height) {
        return Math.max(3f, Math.min(width, height) / 110f);
    }

    static void paint(BufferedImage image, List<PersonPose> people) {
        if (people.isEmpty()) {
            return;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        float line = lineWidth(w, h);
        float radius = jointRadius(w, h);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            Composite solid = g.getComposite();
            Composite faint = AlphaComposite.getInstance(AlphaComposite.SRC_OVER, FAINT_ALPHA);
            for (PersonPose p : people) {
                List<Landmark> lms = p.landmarks();
                g.setStroke(new BasicStroke(line, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                for (Skeleton.Bone bone : Skeleton.BONES) {
                    Landmark a = lms.get(bone.from().index());
                    Landmark b = lms.get(bone.to().index());
                    float vis = Math.min(a.visibility(), b.visibility());
                    if (vis < MIN_VISIBILITY) {
                        continue;
                    }
                    g.setComposite(vis >= SOLID_VISIBILITY ? solid : faint);
                    g.setColor(colour(bone.side()));
                    g.draw(new Line2D.Float(a.x() * w, a.y() * h, b.x() * w, b.y() * h));
                }
                g.setStroke(new BasicStroke(Math.max(1f, line / 2)));
                for (BodyLandmark bl : BodyLandmark.values()) {
                    Landmark l = lms.get(bl.index());
                    if (l.visibility() < MIN_VISIBILITY) {
                        continue;
                    }
                    g.setComposite(l.visibility() >= SOLID_VISIBILITY ? solid : faint);
                    Ellipse2D dot = new Ellipse2D.Float(l.x() * w - radius, l.y() * h - radius, 2 * radius, 2 * radius);
                    g.setColor(bl.isLeft() ? LEFT : bl.isRight() ? RIGHT : CENTRE);
                    g.fill(dot);
                    g.setColor(OUTLINE);
                    g.draw(dot);
                }
            }
        } finally {
            g.dispose();
        }
    }

    private static Color colour(Skeleton.Side side) {
        return switch (side) {
            case LEFT -> LEFT;
            case RIGHT -> RIGHT;
            case CENTRE -> CENTRE;
        };
    }
}
